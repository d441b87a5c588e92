"""Per-row int8 quantisation of a MatMul: close to float, and each row's result its own."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

from voiceofbuyer.quantise import quantise_rows


def _two_matmuls(path, first: np.ndarray, second: np.ndarray) -> None:
    """y = relu(x @ first) @ second, x: batch × tokens × k; first also read by a second MatMul (shared input)."""
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "first"], ["h"]),
            helper.make_node("MatMul", ["x", "first"], ["h2"]),
            helper.make_node("Add", ["h", "h2"], ["both"]),
            helper.make_node("Relu", ["both"], ["r"]),
            helper.make_node("MatMul", ["r", "second"], ["y"]),
        ],
        "two",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", first.shape[0]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", second.shape[1]])],
        [numpy_helper.from_array(first, "first"), numpy_helper.from_array(second, "second")],
    )
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def _run(path, x: np.ndarray) -> np.ndarray:
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


def test_rows_are_quantised_on_their_own_scale(tmp_path):
    rng = np.random.default_rng(0)
    first = rng.normal(size=(32, 48)).astype(np.float32)
    second = rng.normal(size=(48, 16)).astype(np.float32)
    _two_matmuls(tmp_path / "float.onnx", first, second)
    assert quantise_rows(tmp_path / "float.onnx", tmp_path / "int8.onnx") == 3
    ops = [node.op_type for node in onnx.load(str(tmp_path / "int8.onnx")).graph.node]
    assert "MatMul" not in ops and ops.count("MatMulIntegerToFloat") == 3
    assert ops.count("QuantizeLinear") == 2, "the two MatMuls reading x share one quantisation of it"

    x = rng.normal(size=(3, 5, 32)).astype(np.float32)
    x[1] *= 100.0  # one text's activations far larger than the others'
    exact, rounded = _run(tmp_path / "float.onnx", x), _run(tmp_path / "int8.onnx", x)
    assert rounded.shape == exact.shape == (3, 5, 16)
    for row_exact, row_rounded in zip(exact.reshape(-1, 16), rounded.reshape(-1, 16), strict=True):
        cosine = row_exact @ row_rounded / np.linalg.norm(row_exact) / np.linalg.norm(row_rounded)
        assert cosine > 0.999
    # Each text's result is the one it gets alone: the large one does not coarsen its neighbours' rounding.
    for index in range(3):
        assert np.array_equal(_run(tmp_path / "int8.onnx", x[index : index + 1])[0], rounded[index])


def test_an_all_zero_row_is_zero_not_a_division_by_zero(tmp_path):
    first = np.eye(4, dtype=np.float32)
    _two_matmuls(tmp_path / "float.onnx", first, np.eye(4, dtype=np.float32))
    quantise_rows(tmp_path / "float.onnx", tmp_path / "int8.onnx")
    x = np.zeros((1, 2, 4), dtype=np.float32)
    x[0, 1] = [1.0, -2.0, 3.0, 0.5]
    result = _run(tmp_path / "int8.onnx", x)
    assert np.array_equal(result[0, 0], np.zeros(4, np.float32))
    assert np.allclose(result[0, 1], [2.0, 0.0, 6.0, 1.0], atol=0.05)
