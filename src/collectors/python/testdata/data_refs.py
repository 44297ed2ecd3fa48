import os
import pandas as pd

RAW = "s3://acme-ml-data/raw/events.csv"
events = pd.read_csv(RAW)
local = pd.read_json("data/labels.jsonl", lines=True)
export_to = f"gs://acme-exports/daily/{os.environ['RUN_DATE']}/out.parquet"
lake = "abfss://curated@acmelake.dfs.core.windows.net/customers/"
with open("data/notes.txt") as fh:
    notes = fh.read()
token = os.environ["SLACK_BOT_TOKEN"]
region = os.getenv("AWS_REGION")
