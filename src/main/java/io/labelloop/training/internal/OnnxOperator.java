package io.labelloop.training.internal;

import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/** ONNX operators (opset 13) the model download needs beyond those Tribuo's {@code ONNXOperators} defines. */
enum OnnxOperator implements ONNXOperator {
    LOG("Log", 1),
    IS_NAN("IsNaN", 1),
    MAX("Max", 2),
    CLIP("Clip", 3),
    MAT_MUL("MatMul", 2),
    COS("Cos", 1);

    static final int OPSET = org.tribuo.util.onnx.ONNXOperators.getOpsetVersion();
    private final String name;
    private final int inputs;

    OnnxOperator(String name, int inputs) {
        this.name = name;
        this.inputs = inputs;
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return Map.of();
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return org.tribuo.util.onnx.ONNXOperators.ADD.getOpDomain();
    }
}
