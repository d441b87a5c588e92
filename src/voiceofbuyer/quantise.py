"""Per-row dynamic int8 quantisation of an ONNX model's MatMuls: int8 speed with a vector per text that never
depends on the other texts of its batch.

ONNX Runtime's ``quantize_dynamic`` scales each MatMul's input by the largest value in the whole tensor, so in a
batch a text's activations are rounded on a scale set by its neighbours (cosine down to 0.97 between a text alone
and in a batch). Here every token's row of activations gets its own scale (its largest absolute value / 127), so
its int8 codes, and the exact integer products, are those it gets alone; weights are 7-bit per output channel.
This is the per-token scheme of LLM.int8() and SmoothQuant (Dettmers et al. 2022; Xiao et al. 2023), written in
standard ONNX operators (``QuantizeLinear`` per axis) and ONNX Runtime's ``MatMulIntegerToFloat`` (its integer
product, cast and scaled by the weights' channels in one kernel, 11% faster end to end on the CPU than
``MatMulInteger``, ``Cast`` and two ``Mul``; it takes one scale for the whole input, so the rows' own follow).

For one MatMul ``y = x @ W`` (x: … × k float, W: k × n float initializer)::

    rows   = flatten(x)                      # r × k, r = product of the leading dimensions
    scale  = max(|rows|, axis=1) / 127       # r, one scale per token
    codes  = QuantizeLinear(rows, scale, 128) # uint8: symmetric codes -127..127 shifted by a zero point of 128
    y      = reshape(MatMulIntegerToFloat(codes, W_int8, 1, W_scale, 128) * scale[:, None], (…, n))

MatMuls reading the same input (a layer's query, key and value) share one quantisation of it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

_LEVELS = 127.0
"""Symmetric int8 range: codes -127..127 (never -128, so a row's sign flips exactly)."""
_ZERO_POINT = 128
"""Shifts the symmetric codes into uint8, the input type ONNX Runtime's fast integer kernels take."""
_WEIGHT_LEVELS = 63.0
"""Weights take 7 bits (codes -63..63): on x86 CPUs without VNNI, ONNX Runtime's uint8 × int8 kernel adds two
products in 16 bits, which 255 × 127 × 2 overflows (its ``reduce_range``); 255 × 63 × 2 does not, so every CPU
computes the same exact integer products and a text gets the same vector on any machine."""


_CONTRIB = "com.microsoft"
"""ONNX Runtime's own operators (``MatMulIntegerToFloat``): the model runs in ONNX Runtime only."""


def quantise_rows(source: Path, target: Path) -> int:
    """Write to ``target`` the model at ``source`` with every MatMul by a 2-D float initializer replaced by its
    per-row int8 form (see the module); returns how many were replaced. ``source`` must use opset 15 or later
    (``Shape`` with ``end``); other nodes are kept as they are."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    weights = {i.name: i for i in graph.initializer if len(i.dims) == 2 and i.data_type == TensorProto.FLOAT}
    constants: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []
    quantised: dict[str, str] = {}  # MatMul input → prefix of its quantised rows

    def constant(name: str, value: np.ndarray) -> str:
        constants.append(numpy_helper.from_array(value, name))
        return name

    replaced = 0
    for node in graph.node:
        weight = node.input[1] if node.op_type == "MatMul" else ""
        if weight not in weights:
            nodes.append(node)
            continue
        source_rows = node.input[0]
        if source_rows not in quantised:
            prefix = quantised[source_rows] = f"rowq{len(quantised)}/"
            nodes += [
                helper.make_node("Flatten", [source_rows], [prefix + "rows"], axis=-1),
                helper.make_node("Abs", [prefix + "rows"], [prefix + "abs"]),
                helper.make_node("ReduceMax", [prefix + "abs"], [prefix + "peak"], keepdims=0, axes=[-1]),
                # An all-zero row gets a tiny scale, never a division by zero.
                helper.make_node(
                    "Max", [prefix + "peak", constant(prefix + "tiny", np.float32(1e-12))], [prefix + "top"]
                ),
                helper.make_node(
                    "Div", [prefix + "top", constant(prefix + "levels", np.float32(_LEVELS))], [prefix + "scale"]
                ),
                helper.make_node("Shape", [prefix + "scale"], [prefix + "count"]),
                helper.make_node(
                    "ConstantOfShape",
                    [prefix + "count"],
                    [prefix + "zero"],
                    value=numpy_helper.from_array(np.array([_ZERO_POINT], np.uint8)),
                ),
                helper.make_node(
                    "QuantizeLinear", [prefix + "rows", prefix + "scale", prefix + "zero"], [prefix + "codes"], axis=0
                ),
                helper.make_node(
                    "Unsqueeze",
                    [prefix + "scale", constant(prefix + "axis", np.array([1], np.int64))],
                    [prefix + "column"],
                ),
                helper.make_node("Shape", [source_rows], [prefix + "leading"], end=-1),
            ]
        prefix = quantised[source_rows]
        matrix = numpy_helper.to_array(weights[weight]).astype(np.float32)
        channel_scale = np.abs(matrix).max(axis=0) / _WEIGHT_LEVELS
        channel_scale[channel_scale == 0] = 1.0
        name = f"rowq{replaced}m/"
        codes = np.clip(np.round(matrix / channel_scale), -_WEIGHT_LEVELS, _WEIGHT_LEVELS).astype(np.int8)
        nodes += [
            helper.make_node(
                "MatMulIntegerToFloat",
                [
                    prefix + "codes",
                    constant(name + "weight", codes),
                    constant(name + "unit", np.array([1.0], np.float32)),  # the rows' scales follow, per row
                    constant(name + "scale", channel_scale.astype(np.float32)),
                    constant(name + "zero", np.array([_ZERO_POINT], np.uint8)),
                ],
                [name + "columns"],
                domain=_CONTRIB,
            ),
            helper.make_node("Mul", [name + "columns", prefix + "column"], [name + "flat"]),
            helper.make_node(
                "Concat",
                [prefix + "leading", constant(name + "width", np.array([matrix.shape[1]], np.int64))],
                [name + "shape"],
                axis=0,
            ),
            helper.make_node("Reshape", [name + "flat", name + "shape"], [node.output[0]]),
        ]
        replaced += 1
    used = {name for node in nodes for name in node.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend([*kept, *constants])
    if not any(o.domain == _CONTRIB for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(_CONTRIB, 1))
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    return replaced
