"""Dynamic int8 quantization with python3-onnx only (Debian has no onnxruntime for Python).

- MatMul with a constant weight B[K, N]: B becomes int8 with one symmetric scale per output column;
  the activation is quantized at run time:
      DynamicQuantizeLinear(A) -> MatMulInteger(A_q, B_q, A_zero, 0) -> Cast(float) * A_scale * B_scale
  (the pattern onnxruntime's own quantize_dynamic writes; onnxruntime fuses it into DynamicQuantizeMatMul).
- Gather on a constant table (embeddings, the n-gram weights): int8 with one scale per row, gathered with
  the rows (Gather(table_q, ids) -> Cast(float) * Gather(row_scales, ids)), or one per column for narrow tables.
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


def _consumers(graph) -> dict[str, list[tuple[str, int]]]:
    uses: dict[str, list[tuple[str, int]]] = {}
    for node in graph.node:
        for position, name in enumerate(node.input):
            uses.setdefault(name, []).append((node.op_type, position))
    return uses


def quantize_model(model: onnx.ModelProto, min_elements: int = 4096) -> onnx.ModelProto:
    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}
    uses = _consumers(graph)

    def eligible(name: str | None, op_type: str, position: int) -> bool:
        init = initializers.get(name) if name else None
        return (
            init is not None
            and init.data_type == TensorProto.FLOAT
            and len(init.dims) == 2
            and int(np.prod(init.dims)) >= min_elements
            # every use is the same kind, so the float copy can go
            and all(use == (op_type, position) for use in uses.get(name, []))
        )

    quantized: set[str] = set()
    new_nodes = []
    new_initializers = []
    for node in graph.node:
        if node.op_type == "MatMul" and eligible(node.input[1], "MatMul", 1):
            weight_name = node.input[1]
            if weight_name not in quantized:
                q, scale = _quantize_columns(numpy_helper.to_array(initializers[weight_name]))
                new_initializers += [
                    numpy_helper.from_array(q, f"{weight_name}_q"),
                    numpy_helper.from_array(scale, f"{weight_name}_scale"),
                    numpy_helper.from_array(np.zeros(q.shape[1], dtype=np.int8), f"{weight_name}_zero"),
                ]
                quantized.add(weight_name)
            base = node.name or node.output[0]
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [node.input[0]], [f"{base}_a_q", f"{base}_a_scale", f"{base}_a_zero"], name=f"{base}_dql"),
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
        elif node.op_type == "Gather" and eligible(node.input[0], "Gather", 0):
            table_name = node.input[0]
            table = numpy_helper.to_array(initializers[table_name])
            # Wide tables (embeddings): one scale per row, gathered with the rows. Narrow ones (the n-gram
            # weights, 3 columns): one scale per column, or the scales would outweigh the int8 data.
            per_row = table.shape[1] >= 16
            if table_name not in quantized:
                q, scale = _quantize_rows(table) if per_row else _quantize_columns(table)
                new_initializers += [
                    numpy_helper.from_array(q, f"{table_name}_q"),
                    numpy_helper.from_array(scale, f"{table_name}_scale"),
                ]
                quantized.add(table_name)
            base = node.name or node.output[0]
            ids = node.input[1]
            new_nodes += [
                helper.make_node("Gather", [f"{table_name}_q", ids], [f"{base}_rows_q"], name=f"{base}_gather_q"),
                helper.make_node("Cast", [f"{base}_rows_q"], [f"{base}_rows"], to=TensorProto.FLOAT, name=f"{base}_rows_cast"),
            ]
            if per_row:
                new_nodes += [
                    helper.make_node("Gather", [f"{table_name}_scale", ids], [f"{base}_scales"], name=f"{base}_gather_scale"),
                    helper.make_node("Mul", [f"{base}_rows", f"{base}_scales"], [node.output[0]], name=f"{base}_dequant"),
                ]
            else:
                new_nodes.append(
                    helper.make_node("Mul", [f"{base}_rows", f"{table_name}_scale"], [node.output[0]], name=f"{base}_dequant")
                )
        else:
            new_nodes.append(node)

    kept = [init for init in graph.initializer if init.name not in quantized]
    del graph.initializer[:]
    graph.initializer.extend(kept + new_initializers)
    del graph.node[:]
    graph.node.extend(new_nodes)
    # Shapes recorded for the float graph are still right, but drop them so nothing stale remains.
    del graph.value_info[:]
    onnx.checker.check_model(model)
    return model


def quantize_file(source: Path, target: Path) -> None:
    model = onnx.load(str(source))
    onnx.save(quantize_model(model), str(target))


if __name__ == "__main__":
    import sys

    quantize_file(Path(sys.argv[1]), Path(sys.argv[2]))
