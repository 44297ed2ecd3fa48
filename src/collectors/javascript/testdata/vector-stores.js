import { ChromaClient } from 'chromadb';
import { QdrantClient } from '@qdrant/js-client-rest';
import weaviate from 'weaviate-client';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import * as lancedb from '@lancedb/lancedb';
import { Client as Elastic } from '@elastic/elasticsearch';

const chroma = new ChromaClient({ path: 'http://localhost:8000' });
const notes = await chroma.getOrCreateCollection({ name: 'Meeting-Notes' });

const qdrant = new QdrantClient({ url: 'http://qdrant:6333', apiKey: process.env.QDRANT_API_KEY });
await qdrant.search('products', { vector: [0.1], limit: 3 });

const wv = await weaviate.connectToWeaviateCloud('https://acme.weaviate.cloud', {});
const articles = wv.collections.get('Article');

const milvus = new MilvusClient({ address: 'milvus:19530' });
await milvus.search({ collection_name: 'faces', vector: [0.2] });

const db = await lancedb.connect('data/lancedb');
const table = await db.openTable('chunks');

const es = new Elastic({ node: 'https://es.internal:9200' });
await es.search({ index: 'kb-embeddings', knn: { field: 'v', query_vector: [0.3], k: 5 } });

export { notes, articles, table };
