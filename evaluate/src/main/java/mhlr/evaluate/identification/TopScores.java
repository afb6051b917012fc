package mhlr.evaluate.identification;

import java.util.Arrays;

/**
 * The {@code k} largest of a stream of scores, in a binary min-heap of primitives: what {@code heapq.nlargest}
 * keeps, without boxing millions of impostor scores.
 */
final class TopScores {
    private final double[] heap;
    private int size;

    TopScores(int k) {
        heap = new double[k];
    }

    void offer(double score) {
        if (size < heap.length) {
            heap[size] = score;
            int i = size++;
            while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
                swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
        } else if (heap.length > 0 && score > heap[0]) {
            heap[0] = score;
            int i = 0;
            while (true) {
                int smallest = i;
                int left = 2 * i + 1;
                int right = left + 1;
                if (left < size && heap[left] < heap[smallest]) {
                    smallest = left;
                }
                if (right < size && heap[right] < heap[smallest]) {
                    smallest = right;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }
    }

    /** The kept scores, largest first. */
    double[] descending() {
        double[] sorted = Arrays.copyOf(heap, size);
        Arrays.sort(sorted);
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            double swap = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = swap;
        }
        return sorted;
    }

    private void swap(int a, int b) {
        double swap = heap[a];
        heap[a] = heap[b];
        heap[b] = swap;
    }
}
