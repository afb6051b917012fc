"""Reference figures for the evaluate module's tests, computed with insightface's own code paths.

Run with numpy, scipy and scikit-learn (tested: numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1):
    python3 make_reference.py
It writes tenfold.npy, ijb/meta/*.txt and ijb.npy beside itself and prints the figures that
ReferenceFiguresTest asserts. The functions below are transcribed from insightface
(recognition/arcface_torch/eval/verification.py and eval_ijbc.py); only I/O and the model are left out.
"""
import os

import numpy as np
import sklearn.preprocessing
from scipy.interpolate import BSpline
from sklearn.metrics import roc_curve, auc
from sklearn.model_selection import KFold

HERE = os.path.dirname(os.path.abspath(__file__))


def save_npy(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array, dtype='<f4'))


# ---- verification.py ----------------------------------------------------------------------------------------
def calculate_accuracy(threshold, dist, actual_issame):
    predict_issame = np.less(dist, threshold)
    tp = np.sum(np.logical_and(predict_issame, actual_issame))
    fp = np.sum(np.logical_and(predict_issame, np.logical_not(actual_issame)))
    tn = np.sum(np.logical_and(np.logical_not(predict_issame), np.logical_not(actual_issame)))
    fn = np.sum(np.logical_and(np.logical_not(predict_issame), actual_issame))
    acc = float(tp + tn) / dist.size
    return acc


def calculate_roc(thresholds, embeddings1, embeddings2, actual_issame, nrof_folds=10):
    k_fold = KFold(n_splits=nrof_folds, shuffle=False)
    accuracy = np.zeros((nrof_folds))
    indices = np.arange(len(actual_issame))
    dist = np.sum(np.square(np.subtract(embeddings1, embeddings2)), 1)
    for fold_idx, (train_set, test_set) in enumerate(k_fold.split(indices)):
        acc_train = np.zeros((len(thresholds)))
        for threshold_idx, threshold in enumerate(thresholds):
            acc_train[threshold_idx] = calculate_accuracy(threshold, dist[train_set], actual_issame[train_set])
        best_threshold_index = np.argmax(acc_train)
        accuracy[fold_idx] = calculate_accuracy(thresholds[best_threshold_index], dist[test_set],
                                                actual_issame[test_set])
    return accuracy, dist


def calculate_val_far(threshold, dist, actual_issame):
    predict_issame = np.less(dist, threshold)
    true_accept = np.sum(np.logical_and(predict_issame, actual_issame))
    false_accept = np.sum(np.logical_and(predict_issame, np.logical_not(actual_issame)))
    n_same = np.sum(actual_issame)
    n_diff = np.sum(np.logical_not(actual_issame))
    return float(true_accept) / float(n_same), float(false_accept) / float(n_diff)


def interp1d_slinear(x, y, at):
    """interpolate.interp1d(x, y, kind='slinear')(at) as scipy computed it before 1.10: interp1d sorts x stably
    and make_interp_spline(k=1) builds the B-spline with knots np.r_[x[0], x, x[-1]] and coefficients y. Since
    scipy 1.10, make_interp_spline refuses repeated x values ("Expect x to not have duplicates", insightface issue
    #2152), and far_train always repeats values, so insightface's calculate_val only runs with older scipy."""
    ind = np.argsort(x, kind='mergesort')
    x = np.asarray(x, dtype=float)[ind]
    y = np.asarray(y, dtype=float)[ind]
    return BSpline.construct_fast(np.r_[x[0], x, x[-1]], y, 1)(at)


def calculate_val(thresholds, embeddings1, embeddings2, actual_issame, far_target, nrof_folds=10):
    k_fold = KFold(n_splits=nrof_folds, shuffle=False)
    val = np.zeros(nrof_folds)
    far = np.zeros(nrof_folds)
    dist = np.sum(np.square(np.subtract(embeddings1, embeddings2)), 1)
    indices = np.arange(len(actual_issame))
    for fold_idx, (train_set, test_set) in enumerate(k_fold.split(indices)):
        far_train = np.zeros(len(thresholds))
        for threshold_idx, threshold in enumerate(thresholds):
            _, far_train[threshold_idx] = calculate_val_far(threshold, dist[train_set], actual_issame[train_set])
        if np.max(far_train) >= far_target:
            threshold = interp1d_slinear(far_train, thresholds, far_target)
        else:
            threshold = 0.0
        val[fold_idx], far[fold_idx] = calculate_val_far(threshold, dist[test_set], actual_issame[test_set])
    return np.mean(val), np.std(val), np.mean(far)


def tenfold():
    rng = np.random.RandomState(7)
    pairs, dim = 600, 8
    issame = np.array(([True] * 30 + [False] * 30) * 10)
    identity = rng.normal(size=(pairs, dim))
    left = identity + rng.normal(scale=0.9, size=(pairs, dim))
    right = np.where(issame[:, None], identity, rng.normal(size=(pairs, dim))) + rng.normal(scale=0.9, size=(pairs, dim))
    rows = np.empty((2 * pairs, 2 * dim), dtype=np.float32)
    for i in range(pairs):
        for r, base in ((2 * i, left[i]), (2 * i + 1, right[i])):
            rows[r, :dim] = base
            rows[r, dim:] = base + rng.normal(scale=0.2, size=dim)
    save_npy('tenfold.npy', rows)
    feats = rows.astype(np.float64)
    embeddings = sklearn.preprocessing.normalize(feats[:, :dim] + feats[:, dim:])
    accuracy, dist = calculate_roc(np.arange(0, 4, 0.01), embeddings[0::2], embeddings[1::2], issame)
    val, val_std, far = calculate_val(np.arange(0, 4, 0.001), embeddings[0::2], embeddings[1::2], issame, 1e-3)
    fpr, tpr, _ = roc_curve(issame, -dist)
    print('tenfold accuracies', [repr(a) for a in accuracy])
    print('tenfold mean', repr(np.mean(accuracy)), 'std', repr(np.std(accuracy)))
    print('tenfold val', repr(val), 'val_std', repr(val_std), 'far', repr(far))
    print('tenfold auc', repr(auc(fpr, tpr)))


# ---- eval_ijbc.py -------------------------------------------------------------------------------------------
def image2template_feature(img_feats, templates, medias):
    unique_templates = np.unique(templates)
    template_feats = np.zeros((len(unique_templates), img_feats.shape[1]))
    for count_template, uqt in enumerate(unique_templates):
        (ind_t,) = np.where(templates == uqt)
        face_norm_feats = img_feats[ind_t]
        face_medias = medias[ind_t]
        unique_medias, unique_media_counts = np.unique(face_medias, return_counts=True)
        media_norm_feats = []
        for u, ct in zip(unique_medias, unique_media_counts):
            (ind_m,) = np.where(face_medias == u)
            if ct == 1:
                media_norm_feats += [face_norm_feats[ind_m]]
            else:
                media_norm_feats += [np.mean(face_norm_feats[ind_m], axis=0, keepdims=True)]
        media_norm_feats = np.array(media_norm_feats)
        template_feats[count_template] = np.sum(media_norm_feats, axis=0)
    return sklearn.preprocessing.normalize(template_feats), unique_templates


def verification(template_norm_feats, unique_templates, p1, p2):
    template2id = np.zeros((max(unique_templates) + 1, 1), dtype=int)
    for count_template, uqt in enumerate(unique_templates):
        template2id[uqt] = count_template
    feat1 = template_norm_feats[template2id[p1]]
    feat2 = template_norm_feats[template2id[p2]]
    return np.sum(feat1 * feat2, -1).flatten()


def ijb():
    rng = np.random.RandomState(11)
    templates_count, images, dim = 60, 600, 8
    identity_of = rng.randint(0, 12, size=templates_count)
    centres = rng.normal(size=(12, dim))
    templates = np.sort(rng.randint(0, templates_count, size=images)) + 100
    medias = templates * 10 + rng.randint(0, 3, size=images)
    base = centres[identity_of[templates - 100]] + rng.normal(scale=1.2, size=(images, dim))
    feats = np.empty((images, 2 * dim), dtype=np.float32)
    feats[:, :dim] = base
    feats[:, dim:] = base + rng.normal(scale=0.3, size=(images, dim))
    scores = rng.uniform(0.3, 1.0, size=images).astype(np.float32)
    present = np.unique(templates)
    p1 = rng.choice(present, size=1500)
    p2 = rng.choice(present, size=1500)
    label = (identity_of[p1 - 100] == identity_of[p2 - 100]).astype(int)
    meta = os.path.join(HERE, 'ijb', 'meta')
    os.makedirs(meta, exist_ok=True)
    names = ['%d.jpg' % (i + 1) for i in range(images)]
    with open(os.path.join(meta, 'ijbc_face_tid_mid.txt'), 'w') as f:
        for n, t, m in zip(names, templates, medias):
            f.write('%s %d %d\n' % (n, t, m))
    with open(os.path.join(meta, 'ijbc_template_pair_label.txt'), 'w') as f:
        for a, b, l in zip(p1, p2, label):
            f.write('%d %d %d\n' % (a, b, l))
    with open(os.path.join(meta, 'ijbc_name_5pts_score.txt'), 'w') as f:
        for n, s in zip(names, scores):
            f.write('%s %s %r\n' % (n, ' '.join(['50'] * 10), float(s)))
    scores = np.array(['%r' % float(s) for s in scores]).astype(np.float32)
    save_npy('ijb.npy', feats)
    img_input_feats = feats[:, 0:feats.shape[1] // 2] + feats[:, feats.shape[1] // 2:]
    img_input_feats = img_input_feats * scores[:, np.newaxis]
    template_norm_feats, unique_templates = image2template_feature(img_input_feats, templates, medias)
    score = verification(template_norm_feats, unique_templates, p1, p2)
    fpr, tpr, _ = roc_curve(label, score)
    fpr = np.flipud(fpr)
    tpr = np.flipud(tpr)
    row = []
    for x in [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]:
        _, min_index = min(list(zip(abs(fpr - x), range(len(fpr)))))
        row.append(repr(tpr[min_index]))
    print('ijb genuine', int(label.sum()), 'pairs', len(label))
    print('ijb tar', row)


tenfold()
ijb()
