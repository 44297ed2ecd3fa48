import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupPackage } from './catalogue.js';

test('exact names match per ecosystem with PEP 503 normalisation for PyPI', () => {
  assert.equal(lookupPackage('pypi', 'Sentence_Transformers')?.product, 'Sentence Transformers');
  assert.equal(lookupPackage('npm', '@anthropic-ai/sdk')?.provider, 'anthropic');
  assert.equal(lookupPackage('npm', 'left-pad'), undefined);
});

test('the longest matching prefix wins', () => {
  assert.equal(lookupPackage('nuget', 'Microsoft.ML.OnnxRuntime.Gpu')?.product, 'ONNX Runtime');
  assert.equal(lookupPackage('nuget', 'Microsoft.ML.FastTree')?.product, 'ML.NET');
  assert.equal(lookupPackage('npm', '@langchain/openai')?.provider, 'openai');
  assert.equal(lookupPackage('npm', '@langchain/community')?.product, 'LangChain');
  assert.equal(lookupPackage('go', 'github.com/sashabaranov/go-openai')?.provider, 'openai');
});
