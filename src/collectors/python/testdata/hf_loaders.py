import pickle
import joblib
import numpy as np
import pandas as pd
import torch
import tensorflow as tf
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments, pipeline

BASE = "tiiuae/falcon-7b"

tokenizer = AutoTokenizer.from_pretrained(BASE, revision="5f1d8d4e1b6f2a8a6f1b2c3d4e5f60718293a4b5")
model = AutoModelForCausalLM.from_pretrained(BASE, trust_remote_code=True)
classifier = pipeline("text-classification", model="distilbert-base-uncased-finetuned-sst-2-english", revision="main")
local = AutoModelForCausalLM.from_pretrained("./checkpoints/final")

train = load_dataset("acme/support-tickets", revision="v1.2")
csv_ds = load_dataset("csv", data_files={"train": "data/train.csv"})

args = TrainingArguments(output_dir="out", hub_model_id="acme/falcon-support", push_to_hub=True)
trainer = Trainer(model=model, args=args, train_dataset=train["train"])

state = torch.load("checkpoints/head.pt")
safe = torch.load("checkpoints/head.pt", weights_only=True)
with open("models/clf.pkl", "rb") as fh:
    clf = pickle.load(fh)
scaler = joblib.load("models/scaler.joblib")
keras_model = tf.keras.models.load_model("models/legacy.h5")
arr = np.load("features.npy", allow_pickle=True)
ok = np.load("features.npy")
df = pd.read_pickle("cache/frame.pkl")
