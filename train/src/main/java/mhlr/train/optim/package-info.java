/**
 * The optimiser, applied by hand to the gradients SameDiff computes, so that every piece of its state is a plain
 * {@code INDArray} the checkpoint can save: {@link mhlr.train.optim.Sgd} (PyTorch's SGD: momentum, weight decay added
 * to the gradient, learning rate given each step) and {@link mhlr.train.optim.GradientClipping} (PyTorch's
 * {@code clip_grad_norm_}).
 */
package mhlr.train.optim;
