create table sales2 (salesid integer not null, listid integer, pricepaid decimal(8,2), saletime timestamp, note varchar(20), code char(3) default 'abc', big numeric, txt text, primary key (salesid)) distkey (listid) sortkey (saletime)
=> CREATE TABLE "dev"."public"."sales2" ("salesid" INTEGER NOT NULL, "listid" INTEGER, "pricepaid" DECIMAL(8,2), "saletime" TIMESTAMP, "note" VARCHAR CHECK (strlen("note") <= 20), "code" VARCHAR DEFAULT 'abc' CHECK (strlen("code") <= 3), "big" DECIMAL(18,0), "txt" VARCHAR CHECK (strlen("txt") <= 256))

create table idt (id bigint identity(1, 1), name varchar(10) encode zstd, created timestamp default getdate(), flag boolean default true not null)
=> CREATE SEQUENCE "dev"."public"."idt_id_seq" START 1 INCREMENT 1
=> CREATE TABLE "dev"."public"."idt" ("id" BIGINT DEFAULT nextval('"dev"."public"."idt_id_seq"'), "name" VARCHAR CHECK (strlen("name") <= 10), "created" TIMESTAMP DEFAULT date_trunc('second', CAST(timezone('UTC', current_timestamp) AS TIMESTAMP)), "flag" BOOLEAN DEFAULT TRUE NOT NULL)

create table if not exists t (a int)
=> (nothing)

create table t (a int)
=> ERROR 42P07

create table other.n (a int, b varchar(max), c varbyte(16), d super, e timetz, f float, g float4, h double precision)
=> CREATE TABLE "dev"."other"."n" ("a" INTEGER, "b" VARCHAR CHECK (strlen("b") <= 65535), "c" BLOB CHECK (octet_length("c") <= 16), "d" JSON, "e" TIMETZ, "f" DOUBLE, "g" REAL, "h" DOUBLE)

create table nosuch.x (a int)
=> ERROR 3F000

create table cx (a int, a int)
=> ERROR 42701

create table lk (like t)
=> CREATE TABLE "dev"."public"."lk" ("a" INTEGER, "b" BIGINT, "c" VARCHAR CHECK (strlen("c") <= 10), "d" DATE, "ts" TIMESTAMP, "tz" TIMESTAMPTZ, "f" DOUBLE, "r" REAL, "n" DECIMAL(10,2), "ch" VARCHAR CHECK (strlen("ch") <= 5), "bo" BOOLEAN, "tm" TIME, "j" JSON, "vb" BLOB CHECK (octet_length("vb") <= 100))

create table ctas1 as select a, c, n from t
=> CREATE TABLE "dev"."public"."ctas1" ("a" INTEGER, "c" VARCHAR CHECK (strlen("c") <= 10), "n" DECIMAL(10,2))
=> INSERT INTO "dev"."public"."ctas1" ("a", "c", "n") SELECT "t"."a" AS "a", "t"."c" AS "c", "t"."n" AS "n" FROM "dev"."public"."t" AS "t"

create table ctas2 (x, y) as select a, count(*) from t group by a
=> CREATE TABLE "dev"."public"."ctas2" ("x" INTEGER, "y" BIGINT)
=> INSERT INTO "dev"."public"."ctas2" ("x", "y") SELECT "t"."a" AS "a", count(*) AS "count" FROM "dev"."public"."t" AS "t" GROUP BY "t"."a"

create view v2 as select a, c from t where a > 0
=> CREATE VIEW "dev"."public"."v2" ("a", "c") AS SELECT "t"."a" AS "a", "t"."c" AS "c" FROM "dev"."public"."t" AS "t" WHERE ("t"."a" > 0)

create or replace view v2 (k) as select a from t
=> CREATE OR REPLACE VIEW "dev"."public"."v2" ("k") AS SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t"

create view lbv as select * from nosuch with no schema binding
=> (nothing)

drop view v
=> DROP VIEW "dev"."public"."v"

drop table t, u
=> DROP TABLE "dev"."public"."t"
=> DROP TABLE "dev"."public"."u"

drop table if exists nosuch
=> (nothing)

drop table nosuch
=> ERROR 42P01

drop table v
=> ERROR 42809

drop table ident
=> DROP TABLE "dev"."public"."ident"
=> DROP SEQUENCE IF EXISTS "dev"."public"."ident_id_seq"

create schema s2
=> CREATE SCHEMA "dev"."s2"

create schema if not exists other
=> (nothing)

drop schema other cascade
=> DROP SCHEMA "dev"."other" CASCADE

drop schema if exists nosuch
=> (nothing)

select a, c into newt from t where a > 1
=> CREATE TABLE "dev"."public"."newt" ("a" INTEGER, "c" VARCHAR CHECK (strlen("c") <= 10))
=> INSERT INTO "dev"."public"."newt" ("a", "c") SELECT "t"."a" AS "a", "t"."c" AS "c" FROM "dev"."public"."t" AS "t" WHERE ("t"."a" > 1)

create view lbc (k, m) as select a, c from t with no schema binding
=> (nothing)

create table deft (a timestamptz default current_timestamp, b date default current_date, c timestamp default sysdate)
=> CREATE TABLE "dev"."public"."deft" ("a" TIMESTAMPTZ DEFAULT current_timestamp, "b" DATE DEFAULT CAST(timezone('UTC', current_timestamp) AS DATE), "c" TIMESTAMP DEFAULT CAST(timezone('UTC', current_timestamp) AS TIMESTAMP))

create view vnow as select getdate() as now, sysdate as tx, current_date as today from t
=> CREATE VIEW "dev"."public"."vnow" ("now", "tx", "today") AS SELECT date_trunc('second', CAST(timezone('UTC', current_timestamp) AS TIMESTAMP)) AS "now", CAST(timezone('UTC', current_timestamp) AS TIMESTAMP) AS "tx", CAST(timezone('UTC', current_timestamp) AS DATE) AS "today" FROM "dev"."public"."t" AS "t"
