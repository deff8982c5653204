"""API of the follow-up (跟踪服务)."""
