"""The content model: field types, schedules and one pydantic model per content kind."""
