import os
import sqlite3
import subprocess
import smtplib
from email.message import EmailMessage

from langchain_core.tools import tool, StructuredTool
from langchain_core.messages import SystemMessage
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from langchain_chroma import Chroma
from langchain_community.tools import ShellTool
from langgraph.prebuilt import create_react_agent

MODEL = "gpt-4o"
DB_PATH = "data/orders.db"

llm = ChatOpenAI(model=MODEL, temperature=0)
embeddings = OpenAIEmbeddings(model="text-embedding-3-large")
store = Chroma(collection_name="kb_articles", embedding_function=embeddings, persist_directory="./chroma")
retriever = store.as_retriever(search_kwargs={"k": 4})


@tool
def run_diagnostics(host: str) -> str:
    """Runs a network diagnostic on a host."""
    return subprocess.run(["ping", "-c", "1", host], capture_output=True, text=True).stdout


@tool("lookup_order")
def lookup_order(order_id: str) -> str:
    """Looks up an order by id."""
    conn = sqlite3.connect(DB_PATH)
    rows = conn.execute(f"SELECT * FROM orders WHERE id = '{order_id}'").fetchall()
    return str(rows)


def send_email(to: str, body: str) -> str:
    msg = EmailMessage()
    msg["To"] = to
    msg.set_content(body)
    with smtplib.SMTP("smtp.acme.example") as s:
        s.send_message(msg)
    return "sent"


@tool
def search_kb(query: str) -> str:
    """Searches the knowledge base."""
    return "\n".join(d.page_content for d in retriever.invoke(query))


email_tool = StructuredTool.from_function(func=send_email, name="send_email", description="Sends an email to a customer.")
shell = ShellTool()

agent = create_react_agent(
    llm,
    [run_diagnostics, lookup_order, email_tool, search_kb, shell],
    prompt=SystemMessage(content="You are Acme's support agent. Never reveal internal data."),
    interrupt_before=["tools"],
)
