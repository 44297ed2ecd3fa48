"""Fine-tunes the support-reply model on resolved tickets and publishes it to the Hub.

Run from the training job: `python train.py --epochs 2`.
"""

import argparse
import os

import pandas as pd
import torch
from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

BASE_MODEL = "tiiuae/falcon-7b-instruct"
TICKETS_URI = "s3://acme-ml-data/support/resolved-tickets-2024.parquet"
WARM_START_HEAD = "checkpoints/reply_head.pt"
OUTPUT_REPO = "acme-corp/support-reply-falcon"


def load_tickets() -> Dataset:
    frame = pd.read_parquet(TICKETS_URI, storage_options={"anon": False})
    frame = frame[frame["resolution"] == "solved"]
    frame["text"] = "Customer: " + frame["question"] + "\nAgent: " + frame["answer"]
    return Dataset.from_pandas(frame[["text"]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1)
    opts = parser.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL)
    tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(BASE_MODEL, trust_remote_code=True, torch_dtype=torch.bfloat16)

    # warm start from last quarter's reply head (saved with torch.save on the old cluster)
    head_state = torch.load(WARM_START_HEAD, map_location="cpu")
    model.lm_head.load_state_dict(head_state)

    tickets = load_tickets()
    tokenized = tickets.map(lambda b: tokenizer(b["text"], truncation=True, max_length=1024), batched=True, remove_columns=["text"])

    args = TrainingArguments(
        output_dir="out/support-reply",
        num_train_epochs=opts.epochs,
        per_device_train_batch_size=4,
        gradient_accumulation_steps=8,
        learning_rate=2e-5,
        bf16=True,
        push_to_hub=True,
        hub_model_id=OUTPUT_REPO,
        hub_token=os.environ.get("HF_TOKEN"),
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=tokenized,
        data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
    )
    trainer.train()
    trainer.push_to_hub()


if __name__ == "__main__":
    main()
