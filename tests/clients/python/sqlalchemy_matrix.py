# tests/clients/python/sqlalchemy_matrix.py
# SQLAlchemy (Debian's python3-sqlalchemy, psycopg2 dialect) against Lakeshift: connect, then the
# inspector's reflection. Prints one JSON object per line for tests/clients/sqlalchemy.test.ts.
# Usage: python3 sqlalchemy_matrix.py host port user password dbname
import json
import sys

import sqlalchemy as sa

host, port, user, password, dbname = sys.argv[1:6]
engine = sa.create_engine(f"postgresql+psycopg2://{user}:{password}@{host}:{port}/{dbname}")


def out(kind, **fields):
    print(json.dumps({"kind": kind, **fields}, default=str), flush=True)


def step(name, fn):
    try:
        out(name, result=fn())
    except Exception as e:  # noqa: BLE001 - reported, the next step goes on
        out("error", step=name, type=type(e).__name__, message=str(e).strip().split("\n")[0])


with engine.begin() as conn:
    conn.execute(sa.text(
        "create table sa_orders (id integer not null, customer varchar(30) default 'anon', "
        "amount decimal(10,2), placed timestamp, primary key (id)) distkey(id) sortkey(placed)"
    ))
    conn.execute(sa.text("create table sa_items (order_id integer, sku varchar(10))"))
    conn.execute(sa.text("create view sa_big as select id, amount from sa_orders where amount > 100"))
    conn.execute(sa.text("create schema sa_stage"))
    conn.execute(sa.text("create table sa_stage.raw (line varchar(200))"))

insp = sa.inspect(engine)
step("schemas", lambda: sorted(insp.get_schema_names()))
step("default_schema", lambda: insp.default_schema_name)
step("tables", lambda: sorted(insp.get_table_names()))
step("public_tables", lambda: sorted(insp.get_table_names(schema="public")))
step("stage_tables", lambda: sorted(insp.get_table_names(schema="sa_stage")))
step("views", lambda: sorted(insp.get_view_names(schema="public")))
step(
    "columns",
    lambda: [[c["name"], str(c["type"]), c["nullable"], c["default"]] for c in insp.get_columns("sa_orders", schema="public")],
)
step("pk", lambda: insp.get_pk_constraint("sa_orders", schema="public"))
step("view_definition", lambda: insp.get_view_definition("sa_big", schema="public"))
step("has_table", lambda: [insp.has_table("sa_orders"), insp.has_table("nope")])


def core_roundtrip():
    meta = sa.MetaData()
    orders = sa.Table("sa_orders", meta, autoload_with=engine, schema="public")
    with engine.begin() as conn:
        conn.execute(orders.insert(), {"id": 1, "customer": "ann", "amount": 150})
        conn.execute(orders.insert(), {"id": 2, "amount": 5})
        rows = conn.execute(sa.select(orders.c.id, orders.c.customer).order_by(orders.c.id)).all()
    return [list(r) for r in rows]


step("reflected_table", core_roundtrip)
out("done")
