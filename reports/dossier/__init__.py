"""企业档案: one enterprise's campaigns, tasks, reports, measures and follow-ups across years."""
