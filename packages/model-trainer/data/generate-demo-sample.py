"""Writes demo.tsv: sample.tsv plus short sentences composed from hand-written word lists and templates
(written for this project; no third-party data). Sentences of the sanity set (test/fixtures) are left out,
so the demo model's sanity test scores sentences it never saw. Run: python3 data/generate-demo-sample.py
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
SANITY = os.path.join(HERE, "../test/fixtures/sanity-sentences.tsv")
BASE = os.path.join(HERE, "sample.tsv")
OUT = os.path.join(HERE, "demo.tsv")
import random, re, csv
random.seed(7)
POS_ADJ = "good great excellent wonderful fantastic superb brilliant delightful lovely enjoyable charming moving beautiful amazing outstanding touching funny clever fresh engaging perfect pleasant impressive solid gripping heartfelt stunning marvelous terrific satisfying entertaining".split()
NEG_ADJ = "bad awful terrible horrible boring dull tedious poor weak dreadful annoying predictable bland lame mediocre disappointing clumsy painful ugly stupid messy flat forgettable pointless wooden lifeless tiresome unwatchable atrocious miserable".split()
SUBJ = "the film|this movie|the acting|the plot|the story|the soundtrack|the ending|the cast|the script|the direction|this product|the service|the food|this book|the show|the performance|the dialogue|the music|this album|the game|the hotel|the app|the meal|this series|the lead actor".split("|")
NOUNS = "film|movie|story|show|performance|book|experience|evening|album|meal|product|ride|script|debut|sequel".split("|")
ADV = "really|very|truly|quite|so|absolutely|incredibly|pretty|simply|genuinely".split("|")
POS_VERB = "love|loved|adore|adored|enjoyed|liked|really liked|really enjoyed|admire|treasured".split("|")
NEG_VERB = "hate|hated|despise|despised|disliked|loathe|loathed|regret watching|regretted buying|could not stand".split("|")
OBJ = "it|this|this film|the show|every minute|the story|the ending|this place|the book|the music".split("|")
rows = set()
def add(t, l): rows.add((t, l))
for a in POS_ADJ:
    add(a, 1); add(a.capitalize() + ".", 1); add(a.capitalize() + "!", 1)
    add(f"not {a}", 0); add(f"Not {a} at all.", 0); add(f"not very {a}", 0)
for a in NEG_ADJ:
    add(a, 0); add(a.capitalize() + ".", 0); add(a.capitalize() + "!", 0)
    add(f"not {a}", 1); add(f"Not {a} at all.", 1); add(f"not {a} in the least", 1)
for _ in range(260):
    s, a, adv = random.choice(SUBJ), random.choice(POS_ADJ), random.choice(ADV)
    t = random.choice([f"{s} is {a}.", f"{s} was {adv} {a}.", f"{s} is {adv} {a}!", f"{s} was {a} and {random.choice(POS_ADJ)}."])
    add(t[0].upper() + t[1:], 1)
    s, a, adv = random.choice(SUBJ), random.choice(NEG_ADJ), random.choice(ADV)
    t = random.choice([f"{s} is {a}.", f"{s} was {adv} {a}.", f"{s} is {adv} {a}!", f"{s} was {a} and {random.choice(NEG_ADJ)}."])
    add(t[0].upper() + t[1:], 0)
for _ in range(120):
    s, a = random.choice(SUBJ), random.choice(POS_ADJ)
    t = random.choice([f"{s} is not {a}.", f"{s} was not {a} at all.", f"{s} isn't {a}.", f"{s} wasn't {random.choice(ADV)} {a}."])
    add(t[0].upper() + t[1:], 0)
    s, a = random.choice(SUBJ), random.choice(NEG_ADJ)
    t = random.choice([f"{s} is not {a}.", f"{s} was not {a} at all.", f"{s} isn't {a}.", f"{s} was never {a}."])
    add(t[0].upper() + t[1:], 1)
for _ in range(150):
    v, o = random.choice(POS_VERB), random.choice(OBJ)
    add(random.choice([f"I {v} {o}.", f"We {v} {o}!", f"I {v} {o} so much.", f"I absolutely {v} {o}."]), 1)
    v, o = random.choice(NEG_VERB), random.choice(OBJ)
    add(random.choice([f"I {v} {o}.", f"We {v} {o}.", f"I {v} {o} so much.", f"I honestly {v} {o}."]), 0)
    v, o = random.choice("like|enjoy|love|recommend".split("|")), random.choice(OBJ)
    add(random.choice([f"I did not {v} {o}.", f"I didn't {v} {o}.", f"We don't {v} {o}.", f"I would not {v} {o}."]), 0)
for _ in range(140):
    a, n = random.choice(POS_ADJ), random.choice(NOUNS)
    add(random.choice([f"A {a} {n}.", f"What a {a} {n}!", f"Such a {a} {n}.", f"One of the most {a} {n}s of the year."]).replace("A a", "An a").replace("A e", "An e").replace("A o", "An o").replace("A i", "An i"), 1)
    a, n = random.choice(NEG_ADJ), random.choice(NOUNS)
    add(random.choice([f"A {a} {n}.", f"What a {a} {n}.", f"Such a {a} {n}.", f"One of the most {a} {n}s of the year."]).replace("A a", "An a").replace("A e", "An e").replace("A o", "An o").replace("A u", "An u").replace("A i", "An i"), 0)
extra_pos = ["Worth every penny.", "I would watch it again tomorrow.", "Two thumbs up.", "A joy from start to finish.", "It exceeded my expectations.", "I laughed and cried.", "Five stars.", "An instant classic.", "Go see it.", "I can't recommend it enough.", "It kept me hooked until the end.", "A real treat.", "Pure magic.", "Simply the best.", "It was a pleasure to watch.", "I was smiling the whole time.", "A must-see.", "Top notch.", "A triumph.", "My new favourite."]
extra_neg = ["A complete waste of money.", "I want my money back.", "I walked out halfway through.", "Avoid it.", "One star.", "It fell apart in the second half.", "I was bored to tears.", "A total disaster.", "Nothing works here.", "Never again.", "I fell asleep.", "It was a chore to sit through.", "Not worth your time.", "Skip this one.", "A mess from start to finish.", "It made me angry.", "The worst thing I have watched in years.", "Painfully slow.", "Utterly pointless.", "It was a letdown."]
for t in extra_pos: add(t, 1)
for t in extra_neg: add(t, 0)
norm = lambda t: re.sub(r"[^a-z ]", "", t.lower()).strip()
sanity = {norm(l.split("\t")[0]) for l in open(SANITY).read().splitlines()[1:]}
rows = sorted(r for r in rows if norm(r[0]) not in sanity)
random.shuffle(rows)
print(f"{OUT}: {len(rows)} template rows after the sample ({sum(l for _, l in rows)} positive)")
with open(OUT, "w") as f:
    f.write(open(BASE).read())
    for t, l in rows: f.write(f"{t}\t{l}\n")
