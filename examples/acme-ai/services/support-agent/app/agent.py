"""Aria, Acme's customer support agent: a LangGraph ReAct agent over the support knowledge base."""

import os
import smtplib
import subprocess
from email.message import EmailMessage
from pathlib import Path

import chromadb
import psycopg2
import requests
from langchain_chroma import Chroma
from langchain_core.messages import SystemMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from langgraph.prebuilt import create_react_agent

MODEL = os.getenv("SUPPORT_MODEL", "gpt-4o")
EMBEDDING_MODEL = "text-embedding-3-small"
KB_COLLECTION = "support-kb"
SYSTEM_PROMPT = (Path(__file__).parent.parent / "prompts" / "system.md").read_text()

llm = ChatOpenAI(model=MODEL, temperature=0.2, api_key=os.environ["OPENAI_API_KEY"])
embeddings = OpenAIEmbeddings(model=EMBEDDING_MODEL)

chroma = chromadb.HttpClient(host=os.getenv("CHROMA_HOST", "localhost"), port=int(os.getenv("CHROMA_PORT", "8000")))
knowledge_base = Chroma(client=chroma, collection_name=KB_COLLECTION, embedding_function=embeddings)
retriever = knowledge_base.as_retriever(search_kwargs={"k": 4})


def _db():
    return psycopg2.connect(os.environ["ORDERS_DATABASE_URL"])


@tool
def search_knowledge_base(question: str) -> str:
    """Search Acme's help-center articles for an answer."""
    docs = retriever.invoke(question)
    return "\n\n".join(f"{d.metadata.get('title')}: {d.page_content}" for d in docs)


@tool
def lookup_order(order_number: str) -> str:
    """Look up the status of an order by its number."""
    with _db() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT status, total, shipped_at FROM orders WHERE number = '{order_number}'")
        row = cur.fetchone()
    return "not found" if row is None else f"status={row[0]} total={row[1]} shipped={row[2]}"


@tool
def check_service_status(hostname: str) -> str:
    """Check whether an Acme service host responds (used for outage questions)."""
    result = subprocess.run(f"ping -c 2 {hostname}", shell=True, capture_output=True, text=True, timeout=10)
    return result.stdout[-500:]


@tool
def email_customer(to: str, subject: str, body: str) -> str:
    """Send a follow-up email to the customer."""
    msg = EmailMessage()
    msg["From"] = "support@acme.example"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(os.getenv("SMTP_HOST", "smtp.acme.example"), 587) as smtp:
        smtp.starttls()
        smtp.login("support@acme.example", os.environ["SMTP_PASSWORD"])
        smtp.send_message(msg)
    return "sent"


@tool
def open_ticket(summary: str, priority: str = "normal") -> str:
    """Open a Zendesk ticket for a human agent."""
    resp = requests.post(
        "https://acme.zendesk.example/api/v2/tickets.json",
        json={"ticket": {"subject": summary, "priority": priority}},
        headers={"Authorization": f"Bearer {os.environ['ZENDESK_API_TOKEN']}"},
        timeout=10,
    )
    resp.raise_for_status()
    return str(resp.json()["ticket"]["id"])


TOOLS = [search_knowledge_base, lookup_order, check_service_status, email_customer, open_ticket]

support_agent = create_react_agent(llm, TOOLS, prompt=SystemMessage(content=SYSTEM_PROMPT))
