-- wrk script: POST one complete answer set to the submit API.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.body = [[{"answers": {"sales_channels": 3, "verticals": 2, "product_lines": 4,
  "competitors": 12, "revenue_model": "recurring", "growth_vs_plan": "below",
  "churn_trend": "rising", "sales_cycle_trend": "stable", "lead_shortage": true,
  "lifecycle_scope": "full_lifecycle"}, "language": "en"}]]
