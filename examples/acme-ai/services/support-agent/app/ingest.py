"""Indexes the help-center export into the support knowledge base (run nightly)."""

import os

import chromadb
from langchain_community.document_loaders import DirectoryLoader, JSONLoader
from langchain_openai import OpenAIEmbeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

client = chromadb.HttpClient(host=os.getenv("CHROMA_HOST", "localhost"), port=8000)
collection = client.get_or_create_collection(
    "support-kb",
    metadata={"hnsw:space": "cosine"},
)
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")


def main() -> None:
    docs = JSONLoader("data/helpcenter_export.json", jq_schema=".articles[]", content_key="body").load()
    docs += DirectoryLoader("kb/", glob="**/*.*").load()
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100).split_documents(docs)
    vectors = embeddings.embed_documents([c.page_content for c in chunks])
    collection.upsert(
        ids=[f"kb-{i}" for i in range(len(chunks))],
        embeddings=vectors,
        documents=[c.page_content for c in chunks],
        metadatas=[c.metadata for c in chunks],
    )


if __name__ == "__main__":
    main()
