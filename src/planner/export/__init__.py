"""Writers and readers of plan JSON, projection CSV and the PDF report over domain records."""
