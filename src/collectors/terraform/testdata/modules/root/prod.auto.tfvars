buckets = ["raw", "features"]
