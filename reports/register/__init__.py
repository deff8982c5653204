"""The national register of measures (节能措施库): every measure across campaigns, its follow-up
state and realized savings, statistics per measure kind and industry, and peer evidence."""
