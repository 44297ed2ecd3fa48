#!/usr/bin/env python3
"""Writes the model-file fixtures byte by byte from each format's specification.

Run: python3 make-fixtures.py [OUT_DIR] for the test fixtures (default: this folder), or
python3 make-fixtures.py --examples ORG_DIR for the example organisation's ml/models/. Only pickle.dumps of plain data is used (never
pickle.load); numpy, torch, onnx and tensorflow are not needed. Every file is a few hundred bytes.
"""
import io
import json
import os
import pickle
import struct
import sys
import zipfile
import zlib

EXAMPLES = len(sys.argv) > 2 and sys.argv[1] == '--examples'
OUT = sys.argv[2] if EXAMPLES else sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


# --- protobuf wire format -------------------------------------------------------------------------
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def pb_int(field, value):
    return varint(field << 3) + varint(value)


def pb_bytes(field, payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(field << 3 | 2) + varint(len(payload)) + payload


# --- safetensors ----------------------------------------------------------------------------------
def safetensors(header, data):
    h = json.dumps(header, separators=(',', ':')).encode()
    return struct.pack('<Q', len(h)) + h + data


ST_HEADER = {
    '__metadata__': {'format': 'pt', 'name': 'acme-sentiment-small'},
    'embed.weight': {'dtype': 'F16', 'shape': [4, 2], 'data_offsets': [0, 16]},
    'head.bias': {'dtype': 'F32', 'shape': [2], 'data_offsets': [16, 24]},
}

# --- GGUF -----------------------------------------------------------------------------------------
def gg_str(s):
    b = s.encode()
    return struct.pack('<Q', len(b)) + b


def gg_kv(key, vtype, payload):
    return gg_str(key) + struct.pack('<I', vtype) + payload


def gguf(name, with_tensors=True):
    kvs = [
        gg_kv('general.architecture', 8, gg_str('llama')),
        gg_kv('general.name', 8, gg_str(name)),
        gg_kv('general.file_type', 4, struct.pack('<I', 15)),
        gg_kv('tokenizer.ggml.model', 8, gg_str('gpt2')),
        gg_kv('tokenizer.ggml.tokens', 9, struct.pack('<IQ', 8, 3) + gg_str('<s>') + gg_str('</s>') + gg_str('hi')),
        gg_kv('llama.context_length', 4, struct.pack('<I', 4096)),
        gg_kv('tokenizer.chat_template', 8, gg_str("{% for m in messages %}{{ m['content'] }}{% endfor %}")),
    ]
    tensors = [('token_embd.weight', [8, 3]), ('output.weight', [3, 8])] if with_tensors else []
    out = b'GGUF' + struct.pack('<IQQ', 3, len(tensors), len(kvs)) + b''.join(kvs)
    for tname, dims in tensors:
        out += gg_str(tname) + struct.pack('<I', len(dims)) + b''.join(struct.pack('<Q', d) for d in dims) + struct.pack('<IQ', 0, 0)
    return out


# --- ONNX -----------------------------------------------------------------------------------------
def onnx_model():
    conv = pb_bytes(1, 'x') + pb_bytes(1, 'w') + pb_bytes(2, 'y') + pb_bytes(3, 'conv0') + pb_bytes(4, 'Conv')
    custom = pb_bytes(1, 'y') + pb_bytes(2, 'z') + pb_bytes(3, 'gate0') + pb_bytes(4, 'SecretGate') + pb_bytes(7, 'com.acme')
    init_w = pb_bytes(1, varint(2) + varint(3)) + pb_int(2, 1) + pb_bytes(8, 'w') + pb_bytes(13, pb_bytes(1, 'location') + pb_bytes(2, 'weights.bin')) + pb_int(14, 1)
    init_b = pb_int(1, 3) + pb_int(2, 7) + pb_bytes(8, 'b') + pb_bytes(9, b'\0' * 24)
    graph = pb_bytes(1, conv) + pb_bytes(1, custom) + pb_bytes(2, 'acme_graph') + pb_bytes(5, init_w) + pb_bytes(5, init_b)
    return (
        pb_int(1, 8) + pb_bytes(2, 'pytorch') + pb_bytes(3, '2.3.0') + pb_int(5, 1) + pb_bytes(7, graph)
        + pb_bytes(8, pb_bytes(1, '') + pb_int(2, 17)) + pb_bytes(8, pb_bytes(1, 'com.acme') + pb_int(2, 1))
    )


# --- pickles --------------------------------------------------------------------------------------
# A state dict as torch writes it: an OrderedDict of tensors rebuilt by torch._utils (never loaded here).
TORCH_PICKLE = (
    b'\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01X\x06\x00\x00\x00weightq\x02'
    b'ctorch._utils\n_rebuild_tensor_v2\nq\x03(X\x01\x00\x00\x000q\x04tq\x05Rq\x06s.'
)
def short_unicode(s):
    return b'\x8c' + bytes([len(s)]) + s.encode()


# What joblib writes for a scikit-learn estimator: STACK_GLOBAL imports, the array wrapped for joblib.
JOBLIB_PICKLE = (
    b'\x80\x04' + short_unicode('sklearn.linear_model._logistic') + b'\x94' + short_unicode('LogisticRegression') + b'\x94\x93\x94)\x81\x94'
    + b'}\x94(' + short_unicode('coef_') + b'\x94' + short_unicode('joblib.numpy_pickle') + b'\x94' + short_unicode('NumpyArrayWrapper')
    + b'\x94\x93\x94)\x81\x94ub.'
)


def torch_zip(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as z:
        z.writestr(f'{folder}/data.pkl', TORCH_PICKLE)
        z.writestr(f'{folder}/byteorder', 'little')
        z.writestr(f'{folder}/data/0', b'\0' * 24)
        z.writestr(f'{folder}/version', '3\n')
    return buf.getvalue()


def torch_legacy():
    magic = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2)
    return magic + pickle.dumps(1001, protocol=2) + pickle.dumps({'protocol_version': 1001, 'little_endian': True}, protocol=2) + TORCH_PICKLE + b'\0' * 16


# --- NumPy ----------------------------------------------------------------------------------------
def npy(descr, shape, body=b''):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, ''.join(f'{d}, ' for d in shape).rstrip(' ') if len(shape) != 1 else f'{shape[0]},')
    header = header.encode('latin1')
    pad = 64 - (10 + len(header) + 1) % 64
    header += b' ' * pad + b'\n'
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header + body


def npz():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('weights.npy', npy('<f4', [2, 3], b'\0' * 24))
        z.writestr('labels.npy', npy('|O', [2]))
    return buf.getvalue()


# --- Keras ----------------------------------------------------------------------------------------
KERAS_CONFIG = {
    'module': 'keras', 'class_name': 'Sequential', 'registered_name': None,
    'config': {'name': 'acme_classifier', 'layers': [
        {'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'name': 'input', 'batch_shape': [None, 4]}, 'registered_name': None},
        {'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'dense', 'units': 2}, 'registered_name': None},
        {'module': 'keras.layers', 'class_name': 'Lambda', 'config': {'name': 'scale', 'function': {'class_name': '__lambda__', 'config': {'code': 'x * 2'}}}, 'registered_name': None},
        {'module': 'acme.layers', 'class_name': 'Gate', 'config': {'name': 'gate'}, 'registered_name': 'acme>Gate'},
    ]},
}
HDF5_SIG = b'\x89HDF\r\n\x1a\n'


def keras_v3():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('metadata.json', json.dumps({'keras_version': '3.3.3', 'date_saved': '2024-05-01@10:00:00'}))
        z.writestr('config.json', json.dumps(KERAS_CONFIG))
        z.writestr('model.weights.h5', HDF5_SIG + b'\0' * 56)
    return buf.getvalue()


def keras_h5():
    # Superblock version 0, then (as h5py lays it out) the root group's attributes with the model config.
    cfg = json.dumps({'class_name': 'Sequential', 'config': {'name': 'legacy', 'layers': KERAS_CONFIG['config']['layers'][:2]}})
    return HDF5_SIG + b'\0' * 88 + b'keras_version\0\0\0' + b'2.15.0\0\0' + b'model_config\0\0\0\0' + cfg.encode() + b'\0' * 32


# --- TFLite: Model { version: 3, description: "acme" } as a FlatBuffer -----------------------------
def tflite():
    vtable = struct.pack('<HHHHHH', 12, 12, 4, 0, 0, 8)  # fields 0 (version) and 3 (description)
    table_pos = 8 + len(vtable)  # root offset + identifier + vtable
    desc_pos = table_pos + 12
    table = struct.pack('<iII', table_pos - 8, 3, desc_pos - (table_pos + 8)) + b'\0' * 0
    desc = struct.pack('<I', 4) + b'acme' + b'\0' * 4
    return struct.pack('<I', table_pos) + b'TFL3' + vtable + table + desc


# --- Core ML ----------------------------------------------------------------------------------------
def coreml():
    meta = pb_bytes(1, 'Demo classifier') + pb_bytes(3, 'ACME ML team')
    return pb_int(1, 4) + pb_bytes(2, pb_bytes(100, meta)) + pb_bytes(403, b'')


# --- SavedModel ---------------------------------------------------------------------------------------
def saved_model():
    meta_info = pb_bytes(4, 'serve') + pb_bytes(5, '2.15.0')
    metagraph = pb_bytes(1, meta_info) + pb_bytes(5, pb_bytes(1, 'serving_default') + pb_bytes(2, b''))
    return pb_int(1, 1) + pb_bytes(2, metagraph)


def llamafile():
    # An APE launcher script, then a zip whose GGUF member is stored (not compressed) as llamafile does.
    buf = io.BytesIO()
    buf.write(b"MZqFpD='\n# llamafile launcher (fixture)\nexit 1\n" + b'\0' * 64)
    with zipfile.ZipFile(buf, 'a', zipfile.ZIP_STORED) as z:
        z.writestr('.args', '-m\nacme.gguf\n')
        z.writestr('acme.gguf', gguf('Acme Llamafile'))
    return buf.getvalue()


def write_examples():
    """ACME's models: small stand-ins with the headers real ones have."""
    write('ml/models/sentiment/model.safetensors', safetensors(ST_HEADER, b'\0' * 24))
    write('ml/models/acme-tiny-llama.Q4_K_M.gguf', gguf('Acme Tiny Llama 1B Chat'))
    write('ml/models/churn.onnx', onnx_model())
    write('ml/models/churn_model.pkl', pickle.dumps({
        'estimator': 'LogisticRegression', 'features': ['tenure_months', 'monthly_spend', 'support_tickets'],
        'coef': [[-0.042, 0.013, 0.27]], 'intercept': [-1.1], 'classes': [0, 1],
    }, protocol=4))
    write('ml/models/recommender/checkpoint.pt', torch_zip('checkpoint'))
    write('ml/models/embeddings.bin', torch_legacy())  # named .bin, content is a pre-1.6 PyTorch pickle


if __name__ == '__main__' and EXAMPLES:
    write_examples()
elif __name__ == '__main__':
    write('acme.llamafile', llamafile())
    write('model.safetensors', safetensors(ST_HEADER, b'\0' * 24))
    write('bad-length.safetensors', struct.pack('<Q', 4096) + b'{"a":{"dtype":"F32"')
    write('tiny.gguf', gguf('Acme Tiny Llama'))
    write('truncated.gguf', gguf('Acme Tiny Llama')[:90])
    write('custom-op.onnx', onnx_model())
    write('weights.bin', torch_zip('my_model'))
    write('checkpoint', torch_legacy())
    write('state.dat', pickle.dumps({'lr': 0.01, 'layers': [4, 2]}, protocol=0))
    write('model.pkl', pickle.dumps({'coef': [0.5, -1.25], 'intercept': 0.1, 'classes': ['no', 'yes']}, protocol=4))
    write('broken.pkl', b'\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\xff\xfe')
    write('model.pt', torch_zip('archive'))
    write('classifier.joblib', zlib.compress(JOBLIB_PICKLE))
    write('arr.npy', npy('<f4', [3, 4], b'\0' * 48))
    write('arrays.npz', npz())
    write('model.keras', keras_v3())
    write('legacy.h5', keras_h5())
    write('model.tflite', tflite())
    write('model.mlmodel', coreml())
    write('export/saved_model.pb', saved_model())
    write('export/variables/variables.index', b'')
    write('notes.bin', b'just some bytes that are not a model at all\n')
    write('fake.onnx', b'this is not a protobuf model')
