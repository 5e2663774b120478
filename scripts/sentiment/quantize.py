"""Dynamic int8 quantization with python3-onnx only (Debian has no onnxruntime for Python).

- MatMul with a constant weight B[K, N]: B becomes int8 with one symmetric scale per output column;
  the activation is quantized at run time:
      DynamicQuantizeLinear(A) -> MatMulInteger(A_q, B_q, A_zero, 0) -> Cast(float) * A_scale * B_scale
  (the pattern onnxruntime's own quantize_dynamic writes; onnxruntime fuses it into DynamicQuantizeMatMul).
- Gather on a constant table (the word embeddings): int8 rows with one scale per row,
      Gather(table_q, ids) -> Cast(float) * Gather(row_scales, ids)
Everything else (LayerNorm, softmax, the small classifier Gemm) stays float32.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def _quantize_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(weight).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def _quantize_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(table).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def quantize_model(model: onnx.ModelProto, min_elements: int = 4096) -> onnx.ModelProto:
    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}
    used_elsewhere: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            used_elsewhere[name] = used_elsewhere.get(name, 0) + 1

    new_nodes = []
    new_initializers = []
    replaced = set()
    for node in graph.node:
        weight_name = node.input[1] if node.op_type == "MatMul" else node.input[0] if node.op_type == "Gather" else None
        init = initializers.get(weight_name) if weight_name else None
        if (
            init is None
            or init.data_type != TensorProto.FLOAT
            or len(init.dims) != 2
            or np.prod(init.dims) < min_elements
            or used_elsewhere.get(weight_name, 0) != 1
        ):
            new_nodes.append(node)
            continue
        weight = numpy_helper.to_array(init)
        base = node.name or node.output[0]
        replaced.add(weight_name)
        if node.op_type == "MatMul":
            q, scale = _quantize_columns(weight)
            new_initializers += [
                numpy_helper.from_array(q, f"{weight_name}_q"),
                numpy_helper.from_array(scale, f"{weight_name}_scale"),
                numpy_helper.from_array(np.zeros(q.shape[1], dtype=np.int8), f"{weight_name}_zero"),
            ]
            a = node.input[0]
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [a], [f"{base}_a_q", f"{base}_a_scale", f"{base}_a_zero"], name=f"{base}_dql"),
                helper.make_node(
                    "MatMulInteger",
                    [f"{base}_a_q", f"{weight_name}_q", f"{base}_a_zero", f"{weight_name}_zero"],
                    [f"{base}_int32"],
                    name=f"{base}_mmi",
                ),
                helper.make_node("Cast", [f"{base}_int32"], [f"{base}_float"], to=TensorProto.FLOAT, name=f"{base}_cast"),
                helper.make_node("Mul", [f"{base}_a_scale", f"{weight_name}_scale"], [f"{base}_scale"], name=f"{base}_scale_mul"),
                helper.make_node("Mul", [f"{base}_float", f"{base}_scale"], [node.output[0]], name=f"{base}_out_mul"),
            ]
        else:
            q, scale = _quantize_rows(weight)
            new_initializers += [
                numpy_helper.from_array(q, f"{weight_name}_q"),
                numpy_helper.from_array(scale, f"{weight_name}_row_scale"),
            ]
            ids = node.input[1]
            new_nodes += [
                helper.make_node("Gather", [f"{weight_name}_q", ids], [f"{base}_rows_q"], name=f"{base}_gather_q"),
                helper.make_node("Cast", [f"{base}_rows_q"], [f"{base}_rows"], to=TensorProto.FLOAT, name=f"{base}_rows_cast"),
                helper.make_node("Gather", [f"{weight_name}_row_scale", ids], [f"{base}_scales"], name=f"{base}_gather_scale"),
                helper.make_node("Mul", [f"{base}_rows", f"{base}_scales"], [node.output[0]], name=f"{base}_dequant"),
            ]

    kept = [init for init in graph.initializer if init.name not in replaced]
    del graph.initializer[:]
    graph.initializer.extend(kept + new_initializers)
    del graph.node[:]
    graph.node.extend(new_nodes)
    # value_info shapes of replaced tensors are still right; drop them anyway so nothing stale remains.
    del graph.value_info[:]
    onnx.checker.check_model(model)
    return model


def quantize_file(source: Path, target: Path) -> None:
    model = onnx.load(str(source))
    onnx.save(quantize_model(model), str(target))


if __name__ == "__main__":
    import sys

    quantize_file(Path(sys.argv[1]), Path(sys.argv[2]))
