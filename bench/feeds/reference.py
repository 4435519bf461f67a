#!/usr/bin/python3
"""Writes the reference reading of every feed in test/fixtures/feeds/wild/ with python3-feedparser.

Optional developer tool: the expected files it writes are committed, so tests and the agreement
bench never need Python. Run: /usr/bin/python3 bench/feeds/reference.py
"""
import calendar
import html
import json
import os
import re
import sys
from html.parser import HTMLParser

import feedparser

WILD = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'feeds', 'wild')


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in ('p', 'br', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'blockquote'):
            self.parts.append('\n')


def plain(value, kind):
    if value is None:
        return None
    if kind in ('text/html', 'application/xhtml+xml'):
        p = _Text()
        p.feed(value)
        value = ''.join(p.parts)
    value = re.sub(r'\s+', ' ', value).strip()
    return value or None


def when(entry):
    for key in ('published_parsed', 'updated_parsed', 'created_parsed'):
        t = entry.get(key)
        if t:
            return (
                __import__('datetime')
                .datetime.fromtimestamp(calendar.timegm(t), __import__('datetime').timezone.utc)
                .strftime('%Y-%m-%dT%H:%M:%S.000Z')
            )
    return None


def entry_text(e):
    if e.get('content'):
        best = max(e['content'], key=lambda c: len(c.get('value') or ''))
        return plain(best.get('value'), best.get('type'))
    if e.get('summary') is not None:
        d = e.get('summary_detail') or {}
        return plain(e['summary'], d.get('type', 'text/html'))
    return None


def author_name(x):
    detail = x.get('author_detail') or {}
    return detail.get('name') or detail.get('email') or x.get('author') or None


def reply_to(e):
    r = e.get('thr_in-reply-to')
    return r.get('ref') if isinstance(r, dict) else None


def main():
    for name in sorted(os.listdir(WILD)):
        path = os.path.join(WILD, name)
        if not os.path.isfile(path) or name.endswith('.md'):
            continue
        with open(path, 'rb') as f:
            d = feedparser.parse(
                f.read(),
                response_headers={'content-location': 'https://feeds.example/' + name},
            )
        items = []
        for e in d.entries:
            td = e.get('title_detail') or {}
            items.append({
                'external_id': e.get('id') or e.get('link'),
                'url': e.get('link'),
                'title': plain(e.get('title'), td.get('type', 'text/plain')),
                'author': author_name(e) or author_name(d.feed),
                'published_at': when(e),
                'text': entry_text(e),
                'in_reply_to': reply_to(e),
            })
        out = {'file': name, 'encoding': d.get('encoding'), 'bozo': bool(d.get('bozo')), 'items': items}
        os.makedirs(os.path.join(WILD, 'expected'), exist_ok=True)
        with open(os.path.join(WILD, 'expected', name + '.json'), 'w') as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
            f.write('\n')
        print(name, len(items), d.get('encoding'), file=sys.stderr)


if __name__ == '__main__':
    main()
