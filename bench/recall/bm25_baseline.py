#!/usr/bin/env python3
"""The reference a recall set is read against: plain BM25 (k1 = 1.2, b = 0.75, English stop words, no stemming)
over each chat's own turns (each with its speaker's name), the question as the query. Prints the share of evidence
turns in the top 10 and the top 20. Usage: bm25_baseline.py year-of-chats.json"""
import json
import math
import re
import sys

STOP = set("""a an the and or but if of to in on at for with is are was were be been am i you he she it we they my your
his her our their me him them this that what which who whom when where why how do does did have has had not no so as by
from about into than then there here just very can will would should could up out""".split())
K1, B = 1.2, 0.75


def words(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


def main(path):
    for chat in json.load(open(path))["conversations"]:
        turns = chat["turns"]
        docs = [words(t["speaker"] + " " + t["text"]) for t in turns]
        average = sum(map(len, docs)) / len(docs)
        holding = {}
        for doc in docs:
            for w in set(doc):
                holding[w] = holding.get(w, 0) + 1

        def score(query, doc):
            total = 0.0
            for w in query:
                tf = doc.count(w)
                if tf:
                    idf = math.log(1 + (len(docs) - holding[w] + 0.5) / (holding[w] + 0.5))
                    total += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(doc) / average))
            return total

        found = {10: 0, 20: 0}
        evidence = 0
        for question in chat["questions"]:
            query = words(question["question"])
            ranked = sorted(((score(query, doc), i) for i, doc in enumerate(docs)), reverse=True)
            evidence += len(question["evidence"])
            for top in found:
                ids = {turns[i]["id"] for s, i in ranked[:top] if s > 0}
                found[top] += sum(e in ids for e in question["evidence"])
        print(f"{chat['id']}: top 10 {100 * found[10] / evidence:.0f} %, top 20 {100 * found[20] / evidence:.0f} %")


if __name__ == "__main__":
    main(sys.argv[1])
