package mhlr.train.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses the arrays of a graph's executions instead of allocating new ones for every op of every step.
 *
 * <p>Fresh memory is what makes a step slow on the machines this runs on: each new buffer is page-faulted in (on the
 * measured VM a 25 MB buffer costs 150-300 ms), and SameDiff M2.1's own cache frees any buffer that native code
 * still references, so a training step allocated nearly all its arrays anew. Here a buffer goes back to a pool of
 * its type and length when the session releases it and nothing else references it, and every buffer handed out in
 * one execution is pooled again when the next one begins ({@link #recycle()}). Arrays a caller receives from an
 * execution are therefore valid only until the next execution of the same graph.
 */
final class StepMemory extends AbstractMemoryMgr {

    private record Key(DataType dataType, long length) {
    }

    private final Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    private final Map<DataBuffer, INDArray> lent = new IdentityHashMap<>();
    private long freshBytes;

    /** Makes the calling thread's session of {@code sd} allocate from this memory and starts a new execution. */
    void attach(SameDiff sd) {
        long thread = Thread.currentThread().getId();
        InferenceSession session = sd.getSessions().get(thread);
        if (session == null) {
            session = SameDiff.getInferenceFactory().create(sd);
            sd.getSessions().put(thread, session);
        }
        if (session.getMmgr() != this) {
            session.setMmgr(this);
        }
        recycle();
    }

    /** Returns every buffer lent out to the pool: arrays from the previous execution must no longer be used. */
    void recycle() {
        for (INDArray base : new ArrayList<>(lent.values())) {
            giveBack(base);
        }
        lent.clear();
    }

    /** Frees every pooled buffer (after a batch-size change, whose shapes would never be asked for again). */
    void clear() {
        recycle();
        for (ArrayDeque<INDArray> pool : free.values()) {
            for (INDArray base : pool) {
                if (base.closeable()) {
                    base.close();
                }
            }
        }
        free.clear();
    }

    /** Bytes allocated fresh since this memory was created (a steady state allocates nothing new). */
    long freshBytes() {
        return freshBytes;
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return lend(dataType, shape, 'c');
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor);
        }
        return lend(descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
    }

    @Override
    public void release(INDArray array) {
        if (array.isEmpty() || array.data() == null) {
            return;
        }
        INDArray base = lent.get(array.data());
        if (base != null && Nd4j.getExecutioner().useCount(array.data()) <= 1) {
            lent.remove(array.data());
            giveBack(base);
        }
    }

    @Override
    public void close() {
        clear();
    }

    private INDArray lend(DataType dataType, long[] shape, char order) {
        long length = 1;
        for (long dimension : shape) {
            length *= dimension;
        }
        Key key = new Key(dataType, length);
        ArrayDeque<INDArray> pool = free.get(key);
        INDArray base = pool == null ? null : pool.poll();
        if (base == null) {
            base = Nd4j.createUninitializedDetached(dataType, length);
            freshBytes += length * dataType.width();
        }
        lent.put(base.data(), base);
        return Nd4j.create(base.data(), shape, Nd4j.getStrides(shape, order), 0, order, dataType);
    }

    private void giveBack(INDArray base) {
        free.computeIfAbsent(new Key(base.dataType(), base.length()), key -> new ArrayDeque<>()).add(base);
    }
}
