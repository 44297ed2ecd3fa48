"""HTTP entry point of the support agent."""

from fastapi import FastAPI
from pydantic import BaseModel

from .agent import support_agent

app = FastAPI(title="Acme support agent")


class ChatRequest(BaseModel):
    session_id: str
    message: str


@app.post("/chat")
def chat(req: ChatRequest) -> dict:
    state = support_agent.invoke(
        {"messages": [("user", req.message)]},
        config={"configurable": {"thread_id": req.session_id}},
    )
    return {"answer": state["messages"][-1].content}
