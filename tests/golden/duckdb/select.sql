# plain select, lateral column alias, ORDER BY ordinal
select a, c as x, x || 'y' as z from t where x = 'q' order by 1
=> SELECT "t"."a" AS "a", "t"."c" AS "x", ("t"."c" || 'y') AS "z" FROM "dev"."public"."t" AS "t" WHERE ("t"."c" >= 'q' AND "t"."c" < 'q!' AND rtrim("t"."c") = 'q') ORDER BY 1 ASC NULLS LAST

# lateral alias in WHERE and GROUP BY output name
select a + 1 as k, count(*) from t where k > 2 group by k having count(*) > 1
=> SELECT ("t"."a" + 1) AS "k", count(*) AS "count" FROM "dev"."public"."t" AS "t" WHERE (("t"."a" + 1) > 2) GROUP BY ("t"."a" + 1) HAVING (count(*) > 1)

select distinct c from t order by c desc
=> SELECT DISTINCT "t"."c" AS "c" FROM "dev"."public"."t" AS "t" ORDER BY 1 DESC NULLS FIRST

select top 10 userid, username from users order by userid
=> SELECT "users"."userid" AS "userid", "users"."username" AS "username" FROM "dev"."public"."users" AS "users" ORDER BY 1 ASC NULLS LAST LIMIT 10

select * from t limit 5 offset 2
=> SELECT "t"."a" AS "a", "t"."b" AS "b", "t"."c" AS "c", "t"."d" AS "d", "t"."ts" AS "ts", "t"."tz" AS "tz", "t"."f" AS "f", "t"."r" AS "r", "t"."n" AS "n", "t"."ch" AS "ch", "t"."bo" AS "bo", "t"."tm" AS "tm", "t"."j" AS "j", "t"."vb" AS "vb" FROM "dev"."public"."t" AS "t" LIMIT 5 OFFSET 2

select u.*, s.pricepaid from users u left join sales s on u.userid = s.buyerid
=> SELECT "u"."userid" AS "userid", "u"."username" AS "username", "u"."firstname" AS "firstname", "u"."lastname" AS "lastname", "u"."city" AS "city", "u"."state" AS "state", "u"."email" AS "email", "u"."likesports" AS "likesports", "s"."pricepaid" AS "pricepaid" FROM "dev"."public"."users" AS "u" LEFT JOIN "dev"."public"."sales" AS "s" ON ("u"."userid" = "s"."buyerid")

select a, x from t join u using (a)
=> SELECT "t"."a" AS "a", "u"."x" AS "x" FROM "dev"."public"."t" AS "t" JOIN "dev"."public"."u" AS "u" ON ("t"."a" = "u"."a")

select * from t full join u using (a)
=> SELECT coalesce("t"."a", "u"."a") AS "a", "t"."b" AS "b", "t"."c" AS "c", "t"."d" AS "d", "t"."ts" AS "ts", "t"."tz" AS "tz", "t"."f" AS "f", "t"."r" AS "r", "t"."n" AS "n", "t"."ch" AS "ch", "t"."bo" AS "bo", "t"."tm" AS "tm", "t"."j" AS "j", "t"."vb" AS "vb", "u"."x" AS "x" FROM "dev"."public"."t" AS "t" FULL JOIN "dev"."public"."u" AS "u" ON ("t"."a" = "u"."a")

select * from t natural join u
=> SELECT "t"."a" AS "a", "t"."b" AS "b", "t"."c" AS "c", "t"."d" AS "d", "t"."ts" AS "ts", "t"."tz" AS "tz", "t"."f" AS "f", "t"."r" AS "r", "t"."n" AS "n", "t"."ch" AS "ch", "t"."bo" AS "bo", "t"."tm" AS "tm", "t"."j" AS "j", "t"."vb" AS "vb", "u"."x" AS "x" FROM "dev"."public"."t" AS "t" JOIN "dev"."public"."u" AS "u" ON ("t"."a" = "u"."a")

select count(*) from users u, sales s where u.userid = s.buyerid
=> SELECT count(*) AS "count" FROM "dev"."public"."users" AS "u", "dev"."public"."sales" AS "s" WHERE ("u"."userid" = "s"."buyerid")

select * from users u cross join event e
=> SELECT "u"."userid" AS "userid", "u"."username" AS "username", "u"."firstname" AS "firstname", "u"."lastname" AS "lastname", "u"."city" AS "city", "u"."state" AS "state", "u"."email" AS "email", "u"."likesports" AS "likesports", "e"."eventid" AS "eventid", "e"."venueid" AS "venueid", "e"."catid" AS "catid", "e"."eventname" AS "eventname", "e"."starttime" AS "starttime" FROM "dev"."public"."users" AS "u" CROSS JOIN "dev"."public"."event" AS "e"

select * from users u right join sales s on s.buyerid = u.userid
=> SELECT "u"."userid" AS "userid", "u"."username" AS "username", "u"."firstname" AS "firstname", "u"."lastname" AS "lastname", "u"."city" AS "city", "u"."state" AS "state", "u"."email" AS "email", "u"."likesports" AS "likesports", "s"."salesid" AS "salesid", "s"."listid" AS "listid", "s"."sellerid" AS "sellerid", "s"."buyerid" AS "buyerid", "s"."eventid" AS "eventid", "s"."dateid" AS "dateid", "s"."qtysold" AS "qtysold", "s"."pricepaid" AS "pricepaid", "s"."commission" AS "commission", "s"."saletime" AS "saletime" FROM "dev"."public"."users" AS "u" RIGHT JOIN "dev"."public"."sales" AS "s" ON ("s"."buyerid" = "u"."userid")

select eventname from event where eventid in (select eventid from sales where qtysold > 2)
=> SELECT "event"."eventname" AS "eventname" FROM "dev"."public"."event" AS "event" WHERE ("event"."eventid" IN (SELECT "sales"."eventid" AS "eventid" FROM "dev"."public"."sales" AS "sales" WHERE ("sales"."qtysold" > 2)))

select userid from users u where exists (select 1 from sales s where s.buyerid = u.userid)
=> SELECT "u"."userid" AS "userid" FROM "dev"."public"."users" AS "u" WHERE (EXISTS (SELECT 1 AS "?column?" FROM "dev"."public"."sales" AS "s" WHERE ("s"."buyerid" = "u"."userid")))

select userid from users u where not exists (select 1 from sales s where s.buyerid = u.userid)
=> SELECT "u"."userid" AS "userid" FROM "dev"."public"."users" AS "u" WHERE (NOT (EXISTS (SELECT 1 AS "?column?" FROM "dev"."public"."sales" AS "s" WHERE ("s"."buyerid" = "u"."userid"))))

select (select max(pricepaid) from sales s where s.buyerid = u.userid) as maxpaid from users u
=> SELECT (SELECT max("s"."pricepaid") AS "max" FROM "dev"."public"."sales" AS "s" WHERE ("s"."buyerid" = "u"."userid")) AS "maxpaid" FROM "dev"."public"."users" AS "u"

select userid from users where userid > all (select buyerid from sales)
=> SELECT "users"."userid" AS "userid" FROM "dev"."public"."users" AS "users" WHERE ("users"."userid" > ALL (SELECT "sales"."buyerid" AS "buyerid" FROM "dev"."public"."sales" AS "sales"))

select userid from users where userid = any (select buyerid from sales)
=> SELECT "users"."userid" AS "userid" FROM "dev"."public"."users" AS "users" WHERE ("users"."userid" = ANY (SELECT "sales"."buyerid" AS "buyerid" FROM "dev"."public"."sales" AS "sales"))

with recent as (select * from sales where saletime > '2008-01-01') select count(*) from recent
=> WITH "recent"("salesid", "listid", "sellerid", "buyerid", "eventid", "dateid", "qtysold", "pricepaid", "commission", "saletime") AS (SELECT "sales"."salesid" AS "salesid", "sales"."listid" AS "listid", "sales"."sellerid" AS "sellerid", "sales"."buyerid" AS "buyerid", "sales"."eventid" AS "eventid", "sales"."dateid" AS "dateid", "sales"."qtysold" AS "qtysold", "sales"."pricepaid" AS "pricepaid", "sales"."commission" AS "commission", "sales"."saletime" AS "saletime" FROM "dev"."public"."sales" AS "sales" WHERE ("sales"."saletime" > '2008-01-01')) SELECT count(*) AS "count" FROM "recent" AS "recent"

with recursive nums (n) as (select 1 union all select n + 1 from nums where n < 10) select sum(n) from nums
=> WITH RECURSIVE "nums"("n") AS ((SELECT 1 AS "?column?") UNION ALL (SELECT ("nums"."n" + 1) AS "?column?" FROM "nums" AS "nums" WHERE ("nums"."n" < 10))) SELECT CAST(sum("nums_2"."n") AS BIGINT) AS "sum" FROM "nums" AS "nums_2"

select a from t union select a from u
=> (SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t") UNION (SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u")

select a from t union all select a from u order by 1
=> (SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t") UNION ALL (SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u") ORDER BY 1 ASC NULLS LAST

select a from t minus select a from u
=> (SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t") EXCEPT (SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u")

select a from t except all select a from u
=> (SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t") EXCEPT ALL (SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u")

select a from t intersect select a from u
=> (SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t") INTERSECT (SELECT "u"."a" AS "a" FROM "dev"."public"."u" AS "u")

values (1, 'a'), (2, 'b')
=> SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS "*VALUES*"("column1", "column2")

select * from (values (1, 'a'), (2, 'b')) as v (id, name)
=> SELECT "v"."column1" AS "id", "v"."column2" AS "name" FROM (SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS "*VALUES*"("column1", "column2")) AS "v"("column1", "column2")

select c, count(*) from t group by c qualify row_number() over (order by count(*) desc) = 1
=> SELECT "t"."c" AS "c", count(*) AS "count" FROM "dev"."public"."t" AS "t" GROUP BY "t"."c" QUALIFY (row_number() OVER (ORDER BY count(*) DESC NULLS FIRST) = 1)

select a, row_number() over (partition by c order by ts desc) from t
=> SELECT "t"."a" AS "a", row_number() OVER (PARTITION BY "t"."c" ORDER BY "t"."ts" DESC NULLS FIRST) AS "row_number" FROM "dev"."public"."t" AS "t"

select a, sum(a) over (order by ts rows between unbounded preceding and current row) from t
=> SELECT "t"."a" AS "a", CAST(sum("t"."a") OVER (ORDER BY "t"."ts" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS "sum" FROM "dev"."public"."t" AS "t"

select a, lag(a, 1) over (order by a), lead(a) over (order by a), first_value(a) over (partition by c order by a rows between unbounded preceding and unbounded following) from t
=> SELECT "t"."a" AS "a", lag("t"."a", 1) OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "lag", lead("t"."a") OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "lead", first_value("t"."a") OVER (PARTITION BY "t"."c" ORDER BY "t"."a" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "first_value" FROM "dev"."public"."t" AS "t"

select ntile(4) over (order by a), rank() over (order by a), dense_rank() over (order by a) from t
=> SELECT ntile(4) OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "ntile", rank() OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "rank", dense_rank() OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "dense_rank" FROM "dev"."public"."t" AS "t"

select a, avg(a) over w from t window w as (partition by c)
=> SELECT "t"."a" AS "a", CAST(sum("t"."a") OVER (PARTITION BY "t"."c") // count("t"."a") OVER (PARTITION BY "t"."c") AS BIGINT) AS "avg" FROM "dev"."public"."t" AS "t"

select c, a from t group by rollup (c, a)
=> SELECT "t"."c" AS "c", "t"."a" AS "a" FROM "dev"."public"."t" AS "t" GROUP BY ROLLUP ("t"."c", "t"."a")

select * from v
=> SELECT "v"."a" AS "a", "v"."c" AS "c" FROM "dev"."public"."v" AS "v"

select * from lb
=> SELECT "lb"."a" AS "a", "lb"."x" AS "x" FROM (SELECT "u"."a" AS "a", "u"."x" AS "x" FROM "dev"."public"."u" AS "u" WHERE ("u"."a" > 0)) AS "lb"("a", "x")

select * from other.t
=> SELECT "t"."a" AS "a", "t"."z" AS "z" FROM "dev"."other"."t" AS "t"

select t.a, o.z from t join other.t o on t.a = o.a
=> SELECT "t"."a" AS "a", "o"."z" AS "z" FROM "dev"."public"."t" AS "t" JOIN "dev"."other"."t" AS "o" ON ("t"."a" = "o"."a")

select x.a from (select a from t) x
=> SELECT "x"."a" AS "a" FROM (SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t") AS "x"("a")

# a constant pattern without the escape character (backslash) needs no ESCAPE: DuckDB's fast LIKE
select * from t where a between 1 and 10 and c like 'a%' and c not ilike '%b' and d is not null
=> SELECT "t"."a" AS "a", "t"."b" AS "b", "t"."c" AS "c", "t"."d" AS "d", "t"."ts" AS "ts", "t"."tz" AS "tz", "t"."f" AS "f", "t"."r" AS "r", "t"."n" AS "n", "t"."ch" AS "ch", "t"."bo" AS "bo", "t"."tm" AS "tm", "t"."j" AS "j", "t"."vb" AS "vb" FROM "dev"."public"."t" AS "t" WHERE (((("t"."a" BETWEEN 1 AND 10) AND ("t"."c" LIKE 'a%')) AND ("t"."c" NOT ILIKE '%b')) AND ("t"."d" IS NOT NULL))

# a pattern using the escape character, a named escape it uses, or a pattern not known at translation keep ESCAPE
select a from t where c like 'a\%%' or c like '%!_%' escape '!' or c like c or c like '%!' escape '#'
=> SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t" WHERE (((("t"."c" LIKE 'a\%%' ESCAPE '\') OR ("t"."c" LIKE '%!_%' ESCAPE '!')) OR ("t"."c" LIKE "t"."c" ESCAPE '\')) OR ("t"."c" LIKE '%!'))

select case when a > 1 then 'big' when a = 1 then 'one' else 'small' end from t
=> SELECT CASE WHEN ("t"."a" > 1) THEN 'big' WHEN ("t"."a" = 1) THEN 'one' ELSE 'small' END AS "case" FROM "dev"."public"."t" AS "t"

select case a when 1 then 'one' else 'other' end from t
=> SELECT CASE "t"."a" WHEN 1 THEN 'one' ELSE 'other' END AS "case" FROM "dev"."public"."t" AS "t"

select * from t where ch = 'ab'
=> SELECT "t"."a" AS "a", "t"."b" AS "b", "t"."c" AS "c", "t"."d" AS "d", "t"."ts" AS "ts", "t"."tz" AS "tz", "t"."f" AS "f", "t"."r" AS "r", "t"."n" AS "n", "t"."ch" AS "ch", "t"."bo" AS "bo", "t"."tm" AS "tm", "t"."j" AS "j", "t"."vb" AS "vb" FROM "dev"."public"."t" AS "t" WHERE ("t"."ch" = 'ab   ')

# a stored CHAR(n) column against constants: the constants padded to n, plain comparisons
# (every write pads CHAR values to n); a constant too long or not ASCII, and other comparisons, take the general form
select a from t where ch <> 'ab  ' and ch in ('x', 'yz ') and ch not in ('q') and (ch = 'abcdef' or ch = 'é') and ch < 'b'
=> SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t" WHERE ((((("t"."ch" <> 'ab   ') AND ("t"."ch" IN ('x    ', 'yz   '))) AND ("t"."ch" NOT IN ('q    '))) AND (("t"."ch" >= 'abcdef' AND "t"."ch" < 'abcdef!' AND rtrim("t"."ch") = 'abcdef') OR ("t"."ch" >= 'é' AND "t"."ch" < 'é!' AND rtrim("t"."ch") = 'é'))) AND (rtrim("t"."ch") < 'b'))

# stored CHAR columns of the same width compare as stored, through derived tables too; of other widths, or computed, in general form
select x.a from t x join t y on x.ch = y.ch join users u on u.state = x.ch join (select ch, a from t) d on d.ch = 'k' where d.ch = x.ch and (select relkind from pg_class limit 1) = 'r'
=> SELECT "x"."a" AS "a" FROM "dev"."public"."t" AS "x" JOIN "dev"."public"."t" AS "y" ON ("x"."ch" = "y"."ch") JOIN "dev"."public"."users" AS "u" ON (rtrim("u"."state") = rtrim("x"."ch")) JOIN (SELECT "t"."ch" AS "ch", "t"."a" AS "a" FROM "dev"."public"."t" AS "t") AS "d"("ch", "a") ON ("d"."ch" = 'k    ') WHERE (("d"."ch" = "x"."ch") AND ((SELECT "pg_class"."relkind" AS "relkind" FROM "dev"."sys"."pg_class" AS "pg_class" LIMIT 1) >= 'r' AND (SELECT "pg_class"."relkind" AS "relkind" FROM "dev"."sys"."pg_class" AS "pg_class" LIMIT 1) < 'r!' AND rtrim((SELECT "pg_class"."relkind" AS "relkind" FROM "dev"."sys"."pg_class" AS "pg_class" LIMIT 1)) = 'r'))

select a from (select ch, a from t union all select ch, a from t) s where ch = 'ab'
=> SELECT "s"."a" AS "a" FROM ((SELECT "t"."ch" AS "ch", "t"."a" AS "a" FROM "dev"."public"."t" AS "t") UNION ALL (SELECT "t_2"."ch" AS "ch", "t_2"."a" AS "a" FROM "dev"."public"."t" AS "t_2")) AS "s"("ch", "a") WHERE ("s"."ch" >= 'ab' AND "s"."ch" < 'ab!' AND rtrim("s"."ch") = 'ab')

select 7 / 2, 7.0 / 2, a / 2, f / 2 from t
=> SELECT (7 // 2) AS "?column?", CAST(7.0 / 2 AS DECIMAL(13,12)) AS "?column?_2", ("t"."a" // 2) AS "?column?_3", ("t"."f" / 2) AS "?column?_4" FROM "dev"."public"."t" AS "t"

select 'a' || 1, c || a from t
=> SELECT ('a' || CAST(1 AS VARCHAR)) AS "?column?", ("t"."c" || CAST("t"."a" AS VARCHAR)) AS "?column?_2" FROM "dev"."public"."t" AS "t"

select -a, not bo, a % 3, 2 ^ 3, |/ 16.0, @ -5 from t
=> SELECT (-"t"."a") AS "?column?", (NOT "t"."bo") AS "?column?_2", ("t"."a" % 3) AS "?column?_3", (2 ^ 3) AS "?column?_4", sqrt(16.0) AS "?column?_5", abs((-5)) AS "?column?_6" FROM "dev"."public"."t" AS "t"

select c ~ '^a', c ~* 'A', c !~ 'b', c operator(pg_catalog.~) 'x' from t
=> SELECT regexp_matches("t"."c", '^a') AS "?column?", regexp_matches("t"."c", 'A', 'i') AS "?column?_2", (NOT regexp_matches("t"."c", 'b')) AS "?column?_3", regexp_matches("t"."c", 'x') AS "?column?_4" FROM "dev"."public"."t" AS "t"

select relname from pg_catalog.pg_class where relname collate "C" = 'x'
=> SELECT "pg_class"."relname" AS "relname" FROM "dev"."sys"."pg_class" AS "pg_class" WHERE ("pg_class"."relname" >= 'x' AND "pg_class"."relname" < 'x!' AND rtrim("pg_class"."relname") = 'x')

select 't'::regclass, 't'::regclass::text, 'integer'::regtype::text
=> SELECT "dev"."sys"."regclass_out"("dev"."sys"."regclass_in"('t')) AS "regclass", "dev"."sys"."regclass_out"("dev"."sys"."regclass_in"('t')) AS "text", "dev"."sys"."regtype_out"("dev"."sys"."regtype_in"('integer')) AS "text_2"

select pg_catalog.format_type(23, null), pg_table_is_visible(1)
=> SELECT "dev"."sys"."format_type"(23, NULL) AS "format_type", "dev"."sys"."pg_table_is_visible"(1) AS "pg_table_is_visible"

select a is true, bo is not false, bo is unknown, a is distinct from b from t
=> SELECT ("t"."a" IS NOT DISTINCT FROM TRUE) AS "?column?", ("t"."bo" IS DISTINCT FROM FALSE) AS "?column?_2", ("t"."bo" IS NULL) AS "?column?_3", ("t"."a" IS DISTINCT FROM "t"."b") AS "?column?_4" FROM "dev"."public"."t" AS "t"

select a from t where a in (1, 2, 3) and c not in ('x', 'y')
=> SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t" WHERE (("t"."a" IN (1, 2, 3)) AND (rtrim("t"."c") NOT IN ('x', 'y')))

select * from t as x (a1, b1)
=> SELECT "x"."a" AS "a1", "x"."b" AS "b1", "x"."c" AS "c", "x"."d" AS "d", "x"."ts" AS "ts", "x"."tz" AS "tz", "x"."f" AS "f", "x"."r" AS "r", "x"."n" AS "n", "x"."ch" AS "ch", "x"."bo" AS "bo", "x"."tm" AS "tm", "x"."j" AS "j", "x"."vb" AS "vb" FROM "dev"."public"."t" AS "x"

select 1 as a, 2 as a
=> SELECT 1 AS "a", 2 AS "a_2"

# SUPER navigation
select j.a, t.j.a.b, j[0], j.a[1].c from t
=> SELECT json_extract("t"."j", '$.a') AS "a", json_extract("t"."j", '$.a.b') AS "b", json_extract("t"."j", '$[0]') AS "?column?", json_extract("t"."j", '$.a[1].c') AS "?column?_2" FROM "dev"."public"."t" AS "t"

select 't'::regclass, 1::regclass, 't'::regclass::oid from t
=> SELECT "dev"."sys"."regclass_out"("dev"."sys"."regclass_in"('t')) AS "regclass", "dev"."sys"."regclass_out"(1) AS "regclass_2", CAST("dev"."sys"."regclass_in"('t') AS INTEGER) AS "oid" FROM "dev"."public"."t" AS "t"

select * from generate_series(1, 5) g(n) where n > 2
=> SELECT "g"."n" AS "n" FROM generate_series(1, 5) AS "g"("n") WHERE ("g"."n" > 2)

select g from generate_series(1, 10, 2) g
=> SELECT "g"."g" AS "g" FROM generate_series(1, 10, 2) AS "g"("g")

select localtime is not null
=> SELECT (CAST('10:20:00.000000' AS TIME) IS NOT NULL) AS "?column?"

select c similar to '(a|b)%', c not similar to 'x_z.' from t
=> SELECT regexp_full_match("t"."c", '(a|b).*') AS "?column?", (NOT regexp_full_match("t"."c", 'x.z\.')) AS "?column?_2" FROM "dev"."public"."t" AS "t"

select relname from pg_class where relname = any (current_schemas(true)) and relname <> all (current_schemas(false))
=> SELECT "pg_class"."relname" AS "relname" FROM "dev"."sys"."pg_class" AS "pg_class" WHERE (list_contains("dev"."sys"."current_schemas"(TRUE), "pg_class"."relname") AND (NOT list_contains("dev"."sys"."current_schemas"(FALSE), "pg_class"."relname")))

select a from t where a = any (array[1, 2])
=> SELECT "t"."a" AS "a" FROM "dev"."public"."t" AS "t" WHERE ("t"."a" IN (1, 2))

# catalog queries of Postgres clients (pgjdbc, psql)
select s.r, (current_schemas(false))[s.r] as nspname from generate_series(1, array_upper(current_schemas(false), 1)) as s(r)
=> SELECT "s"."r" AS "r", ("dev"."sys"."current_schemas"(FALSE))["s"."r"] AS "nspname" FROM LATERAL (SELECT "_ls_g"."r" FROM (SELECT 1 AS "a0", CASE WHEN 1 = 1 AND len("dev"."sys"."current_schemas"(FALSE)) > 0 THEN CAST(len("dev"."sys"."current_schemas"(FALSE)) AS INTEGER) END AS "a1") AS "_ls_args", generate_series("_ls_args"."a0", "_ls_args"."a1") WITH ORDINALITY AS "_ls_g"("r", "_ls_ord") ORDER BY "_ls_g"."_ls_ord") AS "s"("r")

select pg_catalog.array_to_string(current_schemas(true) || array(select 'toast.' || x from pg_catalog.unnest(current_schemas(true)) x), ', ')
=> SELECT array_to_string(("dev"."sys"."current_schemas"(TRUE) || ARRAY(SELECT ('toast.' || "x"."x") AS "?column?" FROM LATERAL (SELECT "_ls_g"."x" FROM (SELECT "dev"."sys"."current_schemas"(TRUE) AS "a0") AS "_ls_args", unnest("_ls_args"."a0") WITH ORDINALITY AS "_ls_g"("x", "_ls_ord") ORDER BY "_ls_g"."_ls_ord") AS "x"("x"))), ', ') AS "array_to_string"

select array['r', 'p'], (current_schemas(true))[1:1], cardinality(current_schemas(true)), array_lower(current_schemas(true), 1), array_length(current_schemas(true), 1), 'pg_catalog.array_in'::regproc
=> SELECT ['r', 'p'] AS "array", ("dev"."sys"."current_schemas"(TRUE))[1:1] AS "?column?", CAST(len("dev"."sys"."current_schemas"(TRUE)) AS INTEGER) AS "cardinality", CASE WHEN 1 = 1 AND len("dev"."sys"."current_schemas"(TRUE)) > 0 THEN CAST(1 AS INTEGER) END AS "array_lower", CASE WHEN 1 = 1 AND len("dev"."sys"."current_schemas"(TRUE)) > 0 THEN CAST(len("dev"."sys"."current_schemas"(TRUE)) AS INTEGER) END AS "array_length", "dev"."sys"."regproc_in"('pg_catalog.array_in') AS "regproc"

select * from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, col_type varchar, ordinal_position int)
=> SELECT "cols"."view_schema" AS "view_schema", "cols"."view_name" AS "view_name", "cols"."col_name" AS "col_name", "cols"."col_type" AS "col_type", "cols"."ordinal_position" AS "ordinal_position" FROM "dev"."sys"."pg_get_late_binding_view_cols"() AS "cols"("view_schema", "view_name", "col_name", "col_type", "ordinal_position")

select indrelid from pg_index ix where ix.indkey[0] = 1 or ix.indkey[1] = 2
=> SELECT "ix"."indrelid" AS "indrelid" FROM "dev"."sys"."pg_index" AS "ix" WHERE ((("ix"."indkey")[(0 + 1)] = 1) OR (("ix"."indkey")[(1 + 1)] = 2))

# pgjdbc getPrimaryKeys: a set-returning function of (x, n) records and field selection
select r.n from (select (information_schema._pg_expandarray(indkey)).n as n, information_schema._pg_expandarray(indkey) as keys from pg_index) r where (r.keys).x = 1
=> SELECT "r"."n" AS "n" FROM (SELECT struct_extract(unnest(list_transform(range(1, len("pg_index"."indkey") + 1), lambda _ls_i: {'x': ("pg_index"."indkey")[_ls_i], 'n': CAST(_ls_i AS INTEGER)})), 'n') AS "n", unnest(list_transform(range(1, len("pg_index"."indkey") + 1), lambda _ls_i: {'x': ("pg_index"."indkey")[_ls_i], 'n': CAST(_ls_i AS INTEGER)})) AS "keys" FROM "dev"."sys"."pg_index" AS "pg_index") AS "r"("n", "keys") WHERE (struct_extract("r"."keys", 'x') = 1)

select current_schema(), current_schema
=> SELECT 'public' AS "current_schema", 'public' AS "current_schema_2"
