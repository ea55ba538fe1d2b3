"""The articles of examples/corpus as JSONL-line dicts (text, html, id, url, outlet, title,
published): the files (text in UTF-8 or Windows-1256, HTML, JSONL) with their metadata sidecar,
as one JSONL file would hold them, which the CLI then reads too. Used by check_package.py and
check_spark.py."""
import csv, json, os


def example_articles(repo):
    corpus = os.path.join(repo, "examples", "corpus")
    with open(os.path.join(repo, "examples", "metadata.csv"), encoding="utf-8") as f:
        meta = {m["path"]: m for m in csv.DictReader(f)}
    articles = []
    for name in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, name)
        if name.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                lines = [json.loads(l) for l in f if l.strip()]
            articles += [{k: (str(v) if k == "id" and v is not None else v) for k, v in line.items()} for line in lines]
            continue
        raw = open(path, "rb").read()
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError:
            content = raw.decode("cp1256")
        m = meta.get(name, {})
        article = {"id": os.path.splitext(name)[0], **{k: m[k] for k in ("url", "outlet", "title", "published") if m.get(k)}}
        article["html" if name.endswith(".html") else "text"] = content
        articles.append(article)
    assert len(articles) >= 7, len(articles)
    return articles
