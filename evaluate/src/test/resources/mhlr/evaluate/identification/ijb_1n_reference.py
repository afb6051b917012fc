"""The arithmetic of insightface's recognition/_evaluation_/ijb/ijb_1n.py, in numpy, for OneToNReferenceTest.

Usage: python3 ijb_1n_reference.py IJB_ROOT PREFIX FEATURES.npy
Prints a JSON object: rank_1, rank_5, rank_10, tpir_at_fpir and threshold_at_fpir (keys '1e-02', '1e-01').

The steps are those of ijb_1n.py with its defaults (flip test F2, detector score D1, norm score N1):
the features of an image are embedding + flip's embedding, times the detector score; templates are pooled by
image2template_feature (media means, summed, L2-normalised); the gallery is G1's lines then G2's; gen_mask finds
each probe's one gallery template of its subject; evaluation ranks by argsort(-similarity) and reads TPIR at FPIR
from the ceil(probes * fpir)-th largest non-mate score. One change: argsort is asked for a stable sort, so equal
scores keep gallery order (numpy's default sort leaves their order unspecified, which a test cannot pin down).
"""
import heapq
import json
import math
import os
import sys

import numpy as np


def read_template_subject_id_list(path):
    ijb_meta = np.loadtxt(path, dtype=str, skiprows=1, delimiter=',', ndmin=2)
    return ijb_meta[:, 0].astype(int), ijb_meta[:, 1].astype(int)


def read_template_media_list(path):
    ijb_meta = np.loadtxt(path, dtype=str, ndmin=2)
    return ijb_meta[:, 1].astype(int), ijb_meta[:, 2].astype(int)


def image2template_feature(img_feats, templates, medias, choose_templates, choose_ids):
    unique_templates, indices = np.unique(choose_templates, return_index=True)
    unique_subjectids = choose_ids[indices]
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
                media_norm_feats += [np.mean(face_norm_feats[ind_m], 0, keepdims=True)]
        media_norm_feats = np.array(media_norm_feats)
        template_feats[count_template] = np.sum(media_norm_feats, 0)
    template_norm_feats = template_feats / np.sqrt(np.sum(template_feats ** 2, -1, keepdims=True))
    return template_norm_feats, unique_templates, unique_subjectids


def gen_mask(query_ids, reg_ids):
    mask = []
    for query_id in query_ids:
        pos = [i for i, x in enumerate(reg_ids) if query_id == x]
        if len(pos) != 1:
            raise RuntimeError("RegIdsError with id = {}, duplicate = {}".format(query_id, len(pos)))
        mask.append(pos[0])
    return mask


def evaluation(query_feats, gallery_feats, mask):
    fars = [0.01, 0.1]
    query_num = query_feats.shape[0]
    similarity = np.dot(query_feats, gallery_feats.T)
    top_inds = np.argsort(-similarity, kind='stable')
    result = {}
    for k in (1, 5, 10):
        correct_num = 0
        for i in range(query_num):
            if mask[i] in top_inds[i, 0:k]:
                correct_num += 1
        result['rank_%d' % k] = correct_num / query_num
    required_topk = [math.ceil(query_num * x) for x in fars]
    top_sims = similarity
    pos_sims = []
    for i in range(query_num):
        gt = mask[i]
        pos_sims.append(top_sims[i, gt])
        top_sims[i, gt] = -2.0
    pos_sims = np.array(pos_sims)
    neg_sims = top_sims[np.where(top_sims > -2.0)]
    neg_sims = heapq.nlargest(max(required_topk), neg_sims)
    result['tpir_at_fpir'] = {}
    result['threshold_at_fpir'] = {}
    for far, pos in zip(fars, required_topk):
        th = neg_sims[pos - 1]
        result['tpir_at_fpir']['%.0e' % far] = float(np.sum(pos_sims > th) / query_num)
        result['threshold_at_fpir']['%.0e' % far] = float(th)
    return result


def main(root, prefix, features_path):
    meta = os.path.join(root, 'meta')
    g1_templates, g1_ids = read_template_subject_id_list(os.path.join(meta, prefix + '_1N_gallery_G1.csv'))
    g2_templates, g2_ids = read_template_subject_id_list(os.path.join(meta, prefix + '_1N_gallery_G2.csv'))
    gallery_templates = np.concatenate([g1_templates, g2_templates])
    gallery_subject_ids = np.concatenate([g1_ids, g2_ids])
    total_templates, total_medias = read_template_media_list(os.path.join(meta, prefix + '_face_tid_mid.txt'))
    lines = open(os.path.join(meta, prefix + '_name_5pts_score.txt')).read().split('\n')
    faceness_scores = np.array([line.strip().split(' ')[-1] for line in lines if line.strip()]).astype(np.float32)
    img_feats = np.load(features_path)
    half = int(img_feats.shape[1] / 2)
    img_input_feats = img_feats[:, 0:half] + img_feats[:, half:]
    img_input_feats = img_input_feats * np.tile(faceness_scores[:, np.newaxis], (1, img_input_feats.shape[1]))
    gallery_feats, _, gallery_ids = image2template_feature(img_input_feats, total_templates, total_medias,
                                                           gallery_templates, gallery_subject_ids)
    probe_templates, probe_ids = read_template_subject_id_list(os.path.join(meta, prefix + '_1N_probe_mixed.csv'))
    probe_feats, _, probe_unique_ids = image2template_feature(img_input_feats, total_templates, total_medias,
                                                              probe_templates, probe_ids)
    mask = gen_mask(probe_unique_ids, gallery_ids)
    print(json.dumps(evaluation(probe_feats, gallery_feats, mask)))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])
