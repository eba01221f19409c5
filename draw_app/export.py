"""Turn the trained Keras network into the LiteRT model the app runs, with named outputs.

The 9-layer network is exported as it is, and its inner layers' activations come out
beside the probabilities: the window shows them (the look inside the network), and the
predictor compares a drawing with the user's examples in conv2's (draw_app/adapt.py).
``logits`` are the last layer's inputs to its softmax, so probabilities can be
calibrated by temperature without taking the log of a rounded-off zero. Needs TensorFlow: only training, and a
user who passes a Keras file with ``--model``, come here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from draw_app.quiet import import_tensorflow, native_output_silenced

if TYPE_CHECKING:  # imported only when a model is exported: TensorFlow is for training
    import keras


def with_named_outputs(model: keras.Model) -> keras.Model:
    """A Keras model sharing ``model``'s layers and weights whose outputs are named: probabilities,
    logits, and the activations draw_app/network.py's LAYER_OUTPUTS names (conv1, conv2, dense128, dense50)."""
    import keras

    conv1, pool1, conv2, pool2, _dropout, flatten, dense128, dense50, classifier = model.layers
    image = keras.Input(shape=(28, 28, 1), name="image")
    first_maps = conv1(image)
    second_maps = conv2(pool1(first_maps))
    hidden = dense128(flatten(pool2(second_maps)))
    embedding = dense50(hidden)
    logits_layer = keras.layers.Dense(classifier.units, name="logits")
    logits = logits_layer(embedding)
    logits_layer.set_weights(classifier.get_weights())
    return keras.Model(image, {"probabilities": classifier(embedding), "logits": logits, "conv1": first_maps,
                               "conv2": second_maps, "dense128": hidden, "dense50": embedding})


def tflite_bytes(model: keras.Model) -> bytes:
    """The LiteRT flatbuffer of ``model`` with named outputs; float32, so it matches the .h5."""
    tf = import_tensorflow()
    with native_output_silenced():
        return tf.lite.TFLiteConverter.from_keras_model(with_named_outputs(model)).convert()
