"""The output edge: result tables -> rich renderables, CSV, TSV, JSON, NDJSON. Never prints."""
