insert into t (a, c) values (1, 'x'), (2, null)
=> INSERT INTO "dev"."public"."t" ("a", "c") VALUES (1, 'x'), (2, NULL)

insert into t (a, ch) values (1, 'ab'), (2, 'x' || 'z'), (3, null)
=> INSERT INTO "dev"."public"."t" ("a", "ch") VALUES (1, 'ab   '), (2, (CAST(('x' || 'z') AS VARCHAR) || repeat(' ', 5 - length(CAST(('x' || 'z') AS VARCHAR))))), (3, NULL)

insert into t values (1, 2, 'c', '2024-01-01', '2024-01-01 10:00', '2024-01-01 10:00:00+00', 1.5, 2.5, 3.25, 'abc', true, '10:00', null, null)
=> INSERT INTO "dev"."public"."t" ("a", "b", "c", "d", "ts", "tz", "f", "r", "n", "ch", "bo", "tm", "j", "vb") VALUES (1, 2, 'c', '2024-01-01', '2024-01-01 10:00', '2024-01-01 10:00:00+00', 1.5, 2.5, 3.25, 'abc  ', TRUE, '10:00', NULL, NULL)

insert into t (a) select a from u
=> INSERT INTO "dev"."public"."t" ("a") SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u"

insert into t (a, ch) select a, x from u
=> INSERT INTO "dev"."public"."t" ("a", "ch") SELECT "src"."c1", (CAST("src"."c2" AS VARCHAR) || repeat(' ', 5 - length(CAST("src"."c2" AS VARCHAR)))) FROM (SELECT "u"."a" AS "a", "u"."x" AS "x" FROM "dev"."public"."u" AS "u") AS "src"("c1", "c2")

insert into ident (name) values ('a'), ('b')
=> INSERT INTO "dev"."public"."ident" ("name") VALUES ('a'), ('b')

insert into ident (id, name) values (default, 'x')
=> INSERT INTO "dev"."public"."ident" ("id", "name") VALUES (DEFAULT, 'x')

insert into ident default values
=> INSERT INTO "dev"."public"."ident" DEFAULT VALUES

update t set c = 'x', a = a + 1 where a > 0
=> UPDATE "dev"."public"."t" AS "t" SET "c" = 'x', "a" = ("t"."a" + 1) WHERE ("t"."a" > 0)

update t set ch = 'q' from u where t.a = u.a
=> UPDATE "dev"."public"."t" AS "t" SET "ch" = 'q    ' FROM "dev"."public"."u" AS "u" WHERE ("t"."a" = "u"."a")

update sales s set commission = pricepaid * 0.1 from event e where s.eventid = e.eventid and e.catid = 1
=> UPDATE "dev"."public"."sales" AS "s" SET "commission" = ("s"."pricepaid" * 0.1) FROM "dev"."public"."event" AS "e" WHERE (("s"."eventid" = "e"."eventid") AND ("e"."catid" = 1))

delete from t where a in (select a from u)
=> DELETE FROM "dev"."public"."t" AS "t" WHERE ("t"."a" IN (SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u"))

delete from sales using event where sales.eventid = event.eventid and event.venueid = 1
=> DELETE FROM "dev"."public"."sales" AS "sales" USING "dev"."public"."event" AS "event" WHERE (("sales"."eventid" = "event"."eventid") AND ("event"."venueid" = 1))

truncate t
=> TRUNCATE "dev"."public"."t"

insert into t (nope) values (1)
=> ERROR 42703

insert into t (a) values (1, 2)
=> ERROR 42601

insert into v (a) values (1)
=> ERROR 42809

update t set nope = 1
=> ERROR 42703

update ident set name = default where id = 1
=> UPDATE "dev"."public"."ident" AS "ident" SET "name" = DEFAULT WHERE ("ident"."id" = 1)

insert into t (a, ch) values (1, default)
=> INSERT INTO "dev"."public"."t" ("a", "ch") VALUES (1, DEFAULT)
