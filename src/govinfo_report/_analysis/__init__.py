"""Analysis across reports and against the narrative: years, agencies, text, sections."""
