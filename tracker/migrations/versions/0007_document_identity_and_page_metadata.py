"""document identity and page metadata

A document was known by its text alone, so a wire story carried by a second
site was dropped as "already stored". It is now known by where it was
published (canonical URL, else outlet and file name) together with its text:
``documents.identity`` is unique, ``content_hash`` only indexed. Existing
documents get their identity from what is stored (no two collide, since their
texts were unique).

Also: the year of a page that states only its year, where each date came from,
the wire agency a page credits, the page's language and encoding; and outlet
aliases, so case and spelling variants of one outlet ("PolitiFact",
"Politifact") are one outlet. Existing variants are folded into the outlet
with most documents; the clusters they touch are recounted. Nothing a reviewer
did is touched: no quote, cluster, verdict, note or decision changes.

Revision ID: 0007
Revises: 0006
"""

import hashlib
import unicodedata
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# Frozen copies of tracker.sources.article's rules as of this revision: a migration
# must compute the same thing whatever later code does.
def _outlet_key(name):
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _canonical_url(url):
    import re

    tracking = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ocid|cmpid|wt_mc)$", re.I)
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc:
        return url
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    host = host.removesuffix(":80").removesuffix(":443")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not tracking.match(k)])
    return urlunsplit(("", host, parts.path.rstrip("/") or "", query, ""))[2:]


def _identity(url, outlet, source, content_hash):
    if url:
        where = "url:" + _canonical_url(url)
    else:
        where = f"file:{_outlet_key(outlet)}|{PurePath(source).name}"
    return hashlib.sha256(f"{where}\n{content_hash}".encode()).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "outlet_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alias"),
    )
    op.create_index("ix_outlet_aliases_outlet_id", "outlet_aliases", ["outlet_id"])

    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("identity", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("published_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("date_source", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("agency", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("encoding", sa.String(length=60), nullable=True))

    documents = sa.table(
        "documents",
        sa.column("id"),
        sa.column("identity"),
        sa.column("url"),
        sa.column("source"),
        sa.column("outlet_id"),
        sa.column("content_hash"),
        sa.column("published", sa.Date),
        sa.column("published_year", sa.Integer),
    )
    outlets = sa.table("outlets", sa.column("id"), sa.column("name"))
    aliases = sa.table("outlet_aliases", sa.column("outlet_id"), sa.column("alias"))
    clusters = sa.table("clusters", sa.column("id"), sa.column("n_outlets"))
    quotes = sa.table("quotes", sa.column("cluster_id"), sa.column("document_id"))

    # Fold outlets whose names differ only in case, accents, spaces or punctuation.
    names = dict(bind.execute(sa.select(outlets.c.id, outlets.c.name)).all())
    counts: dict[int, int] = dict(
        bind.execute(
            sa.select(documents.c.outlet_id, sa.func.count())
            .where(documents.c.outlet_id.is_not(None))
            .group_by(documents.c.outlet_id)
        ).all()
    )
    groups: dict[str, list[int]] = {}
    for oid, name in names.items():
        groups.setdefault(_outlet_key(name) or f"#{oid}", []).append(oid)
    touched: set[int] = set()
    owner: dict[int, int] = {}  # outlet id -> the outlet it is folded into
    for key, ids in groups.items():
        keep = max(ids, key=lambda i: (counts.get(i, 0), -i))
        owner.update((i, keep) for i in ids)
        others = [i for i in ids if i != keep]
        if others:
            moved = sa.select(documents.c.id).where(documents.c.outlet_id.in_(others))
            touched.update(
                bind.execute(
                    sa.select(quotes.c.cluster_id)
                    .where(quotes.c.document_id.in_(moved), quotes.c.cluster_id.is_not(None))
                    .distinct()
                ).scalars()
            )
            bind.execute(
                documents.update().where(documents.c.outlet_id.in_(others)).values(outlet_id=keep)
            )
            bind.execute(outlets.delete().where(outlets.c.id.in_(others)))
        if not key.startswith("#"):
            bind.execute(aliases.insert().values(outlet_id=keep, alias=key))

    # Identities from what is stored; the year of every whole date.
    rows = bind.execute(
        sa.select(
            documents.c.id,
            documents.c.url,
            documents.c.source,
            documents.c.outlet_id,
            documents.c.content_hash,
            documents.c.published,
        )
    ).all()
    for did, url, source, outlet_id, content_hash, published in rows:
        name = names.get(owner.get(outlet_id, outlet_id)) if outlet_id else None
        bind.execute(
            documents.update()
            .where(documents.c.id == did)
            .values(
                identity=_identity(url, name, source or "", content_hash),
                published_year=published.year if published is not None else None,
            )
        )

    # content_hash: unique → indexed; identity: unique and required.
    if bind.dialect.name == "postgresql":
        for uq in sa.inspect(bind).get_unique_constraints("documents"):
            if uq["column_names"] == ["content_hash"] and uq["name"]:
                op.drop_constraint(uq["name"], "documents", type_="unique")
        op.alter_column("documents", "identity", nullable=False)
        op.create_unique_constraint("uq_documents_identity", "documents", ["identity"])
        op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    else:
        convention = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
        with op.batch_alter_table("documents", naming_convention=convention) as batch:
            batch.drop_constraint("uq_documents_content_hash", type_="unique")
            batch.alter_column("identity", existing_type=sa.String(length=64), nullable=False)
            batch.create_unique_constraint("uq_documents_identity", ["identity"])
            batch.create_index("ix_documents_content_hash", ["content_hash"])

    # Clusters that had two spellings of one outlet counted them twice.
    if touched:
        docs = sa.table("documents", sa.column("id"), sa.column("outlet_id"))
        for cid in touched:
            n = bind.execute(
                sa.select(sa.func.count(sa.distinct(docs.c.outlet_id)))
                .select_from(quotes.join(docs, docs.c.id == quotes.c.document_id))
                .where(quotes.c.cluster_id == cid)
            ).scalar()
            bind.execute(clusters.update().where(clusters.c.id == cid).values(n_outlets=n))


def downgrade() -> None:
    # Going back needs the texts to be unique again: refused while wire copies are stored.
    bind = op.get_bind()
    documents = sa.table("documents", sa.column("content_hash"))
    dup = bind.execute(
        sa.select(documents.c.content_hash)
        .group_by(documents.c.content_hash)
        .having(sa.func.count() > 1)
        .limit(1)
    ).first()
    if dup is not None:
        raise RuntimeError(
            "cannot downgrade below 0006: some texts are stored more than once "
            "(wire copies from several outlets), which the older schema does not allow"
        )
    convention = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
    with op.batch_alter_table("documents", naming_convention=convention) as batch:
        batch.drop_index("ix_documents_content_hash")
        batch.drop_constraint("uq_documents_identity", type_="unique")
        batch.create_unique_constraint("uq_documents_content_hash", ["content_hash"])
        for col in ("encoding", "language", "agency", "date_source", "published_year", "identity"):
            batch.drop_column(col)
    op.drop_index("ix_outlet_aliases_outlet_id", table_name="outlet_aliases")
    op.drop_table("outlet_aliases")
