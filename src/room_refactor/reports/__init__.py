"""What the user sees: table, Markdown, JSON, SARIF, diffs and the review."""
