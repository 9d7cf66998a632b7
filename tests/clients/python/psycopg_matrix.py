# tests/clients/python/psycopg_matrix.py
# psycopg2 or psycopg 3 against Lakeshift: parameters of every type in and out, executemany, a
# failed statement rolled back, cursor.description. Prints one JSON object per line for
# tests/clients/psycopg.test.ts. Usage: python3 psycopg_matrix.py <psycopg2|psycopg> host port user password dbname
import datetime
import decimal
import json
import sys

driver, host, port, user, password, dbname = sys.argv[1:7]
if driver == "psycopg2":
    import psycopg2 as pg

    conn = pg.connect(host=host, port=int(port), user=user, password=password, dbname=dbname)
else:
    import psycopg as pg

    conn = pg.connect(host=host, port=int(port), user=user, password=password, dbname=dbname)


def out(kind, **fields):
    print(json.dumps({"kind": kind, **fields}, default=str), flush=True)


def step(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - every failure is reported, then the connection is reset
        out("error", step=name, type=type(e).__name__, sqlstate=getattr(e, "pgcode", None) or getattr(e, "sqlstate", None), message=str(e).strip())
        conn.rollback()


COLUMNS = [
    ("si", "smallint", -12),
    ("i", "integer", 123456),
    ("bi", "bigint", 9007199254740993),
    ("n", "decimal(12,3)", decimal.Decimal("-1234.567")),
    ("r", "real", 1.5),
    ("d", "double precision", 2.25),
    ("b", "boolean", True),
    ("c", "char(5)", "ab"),
    ("v", "varchar(20)", "héllo 'q'"),
    ("dt", "date", datetime.date(2024, 2, 29)),
    ("ts", "timestamp", datetime.datetime(2024, 2, 29, 13, 14, 15, 123456)),
    ("tz", "timestamptz", datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc)),
]
# Parameters only (not stored): each type sent and read back on its own.
EXTRA = [
    ("tm", "time", datetime.time(1, 2, 3)),
    ("tx", "text", "x" * 300),
    ("tmz", "timetz", datetime.time(1, 2, 3, 500000, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30)))),
    ("iv", "interval", datetime.timedelta(days=3, seconds=3723, microseconds=7)),
    ("nb", "numeric(38,10)", decimal.Decimal("-1234567890123456789012345678.9012345600")),
]
TABLE = f"py_types_{driver}"


def value_out(v):
    return [type(v).__name__, v.isoformat() if hasattr(v, "isoformat") else str(v)]


def roundtrip():
    for name, typ, value in COLUMNS + EXTRA:
        try:
            with conn.cursor() as cur:
                cur.execute(f"select cast(%s as {typ})", (value,))
                out("roundtrip", name=name, value=value_out(cur.fetchone()[0]))
            conn.commit()
        except Exception as e:  # noqa: BLE001
            out("roundtrip-error", name=name, message=str(e).strip())
            conn.rollback()


def create():
    with conn.cursor() as cur:
        cur.execute(f"create table {TABLE} (%s)" % ", ".join(f"{n} {t}" for n, t, _ in COLUMNS))
    conn.commit()


def insert():
    with conn.cursor() as cur:
        marks = ", ".join(["%s"] * len(COLUMNS))
        cur.execute(f"insert into {TABLE} values ({marks})", [v for _, _, v in COLUMNS])
        cur.execute(f"insert into {TABLE} values ({marks})", [None] * len(COLUMNS))
        out("inserted", rowcount=cur.rowcount)
    conn.commit()


def select():
    with conn.cursor() as cur:
        cur.execute(f"select %s from {TABLE} order by i nulls last" % ", ".join(n for n, _, _ in COLUMNS))
        out("description", columns=[[d[0], d[1]] for d in cur.description])
        for row in cur.fetchall():
            out("row", values=[value_out(v) for v in row])
    conn.commit()


def binary():
    """psycopg 3 only: the same rows read with binary results (numeric_send, time_send...)."""
    if driver != "psycopg":
        return
    with conn.cursor(binary=True) as cur:
        cur.execute(f"select %s from {TABLE} order by i nulls last" % ", ".join(n for n, _, _ in COLUMNS))
        out("binary-formats", formats=[cur.pgresult.fformat(k) for k in range(len(COLUMNS))])
        for row in cur.fetchall():
            out("binary-row", values=[value_out(v) for v in row])
        cur.execute(
            "select cast('01:02:03.5' as time), cast(-0.0001 as numeric(10,4)), cast(0 as numeric(5,2)),"
            " cast('-1234567890123456789012345678.9012345600' as numeric(38,10))"
        )
        out("binary-extra", formats=[cur.pgresult.fformat(k) for k in range(4)], values=[value_out(v) for v in cur.fetchone()])
    conn.commit()


def where():
    with conn.cursor() as cur:
        cur.execute(
            f"select count(*) from {TABLE} where i = %s and v = %s and n = %s and dt = %s and b = %s",
            (123456, "héllo 'q'", decimal.Decimal("-1234.567"), datetime.date(2024, 2, 29), True),
        )
        out("where", count=cur.fetchone()[0])
    conn.commit()


def many():
    with conn.cursor() as cur:
        cur.executemany(f"insert into {TABLE} (i, v) values (%s, %s)", [(k, f"m{k}") for k in range(5)])
        cur.execute(f"select count(*), min(v), max(v) from {TABLE} where v like %s", ("m%",))
        out("many", result=list(cur.fetchone()))
    conn.commit()


def failure():
    with conn.cursor() as cur:
        cur.execute("select * from no_such_table")


def after_failure():
    with conn.cursor() as cur:
        cur.execute("select 1 + %s", (41,))
        out("after", value=cur.fetchone()[0])
    conn.commit()


out("connected", server_version=conn.server_version if driver == "psycopg2" else conn.info.server_version)
for name, fn in [("roundtrip", roundtrip), ("create", create), ("insert", insert), ("select", select), ("binary", binary), ("where", where), ("many", many), ("failure", failure), ("after", after_failure)]:
    step(name, fn)
conn.close()
out("done")
