from pathlib import Path
from langchain import hub
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from langchain_openai import ChatOpenAI

HERE = Path(__file__).parent
SYSTEM = (HERE / "prompts" / "system.md").read_text()

triage = ChatPromptTemplate.from_messages([
    ("system", "You triage tickets for {team}. Be concise."),
    ("human", "{ticket}"),
])
summary = PromptTemplate(template="Summarise this: {text}", input_variables=["text"])
react = hub.pull("hwchase17/react")
with open("prompts/refusal.txt") as f:
    refusal = f.read()
llm = ChatOpenAI(model="gpt-4.1-mini")
