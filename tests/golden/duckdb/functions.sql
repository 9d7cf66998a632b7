# session constants
select getdate(), sysdate, current_date, current_timestamp, now(), version(), current_database(), current_user, user, session_user, current_user_id, current_schema(), pg_backend_pid(), current_setting('timezone')
=> SELECT CAST('2024-03-15 10:20:30' AS TIMESTAMP) AS "getdate", CAST('2024-03-15 10:20:00.000000' AS TIMESTAMP) AS "sysdate", CAST('2024-03-15' AS DATE) AS "current_date", CAST('2024-03-15 10:20:00.000000+00' AS TIMESTAMPTZ) AS "current_timestamp", CAST('2024-03-15 10:20:00.000000+00' AS TIMESTAMPTZ) AS "now", 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.12345' AS "version", 'dev' AS "current_database", 'admin' AS "current_user", 'admin' AS "user", 'admin' AS "session_user", 100 AS "current_user_id", 'public' AS "current_schema", 4242 AS "pg_backend_pid", 'UTC' AS "current_setting"

select dateadd(day, 1, d), dateadd('month', -1, ts), dateadd(yr, 2, d), dateadd(qtr, 1, d), dateadd(w, 1, d), dateadd(h, 3, ts), dateadd(m, 5, ts), dateadd(s, 30, ts), dateadd(ms, 1, ts), dateadd(us, 1, ts) from t
=> SELECT (CAST("t"."d" AS TIMESTAMP) + to_days(CAST(1 AS BIGINT))) AS "dateadd", ("t"."ts" + to_months(CAST((-1) AS BIGINT))) AS "dateadd_2", (CAST("t"."d" AS TIMESTAMP) + to_years(CAST(2 AS BIGINT))) AS "dateadd_3", (CAST("t"."d" AS TIMESTAMP) + to_months(3 * CAST(1 AS BIGINT))) AS "dateadd_4", (CAST("t"."d" AS TIMESTAMP) + to_days(7 * CAST(1 AS BIGINT))) AS "dateadd_5", ("t"."ts" + to_hours(CAST(3 AS BIGINT))) AS "dateadd_6", ("t"."ts" + to_minutes(CAST(5 AS BIGINT))) AS "dateadd_7", ("t"."ts" + to_seconds(30)) AS "dateadd_8", ("t"."ts" + to_milliseconds(CAST(1 AS BIGINT))) AS "dateadd_9", ("t"."ts" + to_microseconds(CAST(1 AS BIGINT))) AS "dateadd_10" FROM "dev"."public"."t" AS "t"

select datediff(day, d, ts), datediff(week, d, ts), datediff(month, '2024-01-31', '2024-02-01'), datediff(y, d, ts), datediff(hrs, ts, ts), datediff(mins, ts, ts), datediff(sec, ts, ts), datediff(qtr, d, d) from t
=> SELECT date_diff('day', CAST("t"."d" AS TIMESTAMP), "t"."ts") AS "datediff", (date_diff('day', date_trunc('week', CAST("t"."d" AS TIMESTAMP)), date_trunc('week', "t"."ts")) // 7) AS "datediff_2", date_diff('month', CAST('2024-01-31' AS TIMESTAMP), CAST('2024-02-01' AS TIMESTAMP)) AS "datediff_3", date_diff('year', CAST("t"."d" AS TIMESTAMP), "t"."ts") AS "datediff_4", date_diff('hour', "t"."ts", "t"."ts") AS "datediff_5", date_diff('minute', "t"."ts", "t"."ts") AS "datediff_6", date_diff('second', "t"."ts", "t"."ts") AS "datediff_7", date_diff('quarter', CAST("t"."d" AS TIMESTAMP), CAST("t"."d" AS TIMESTAMP)) AS "datediff_8" FROM "dev"."public"."t" AS "t"

select date_part(dow, d), date_part('year', ts), extract(month from d), extract(epoch from ts), date_part(doy, ts), pgdate_part(h, ts) from t
=> SELECT CAST(date_part('dow', CAST("t"."d" AS TIMESTAMP)) AS DOUBLE) AS "date_part", CAST(date_part('year', "t"."ts") AS DOUBLE) AS "date_part_2", CAST(date_part('month', CAST("t"."d" AS TIMESTAMP)) AS INTEGER) AS "date_part_3", CAST(epoch("t"."ts") AS BIGINT) AS "date_part_4", CAST(date_part('doy', "t"."ts") AS DOUBLE) AS "date_part_5", CAST(date_part('hour', "t"."ts") AS DOUBLE) AS "pgdate_part" FROM "dev"."public"."t" AS "t"

select date_trunc('week', d), date_trunc(month, ts), date_trunc('quarter', ts) from t
=> SELECT date_trunc('week', CAST("t"."d" AS TIMESTAMP)) AS "date_trunc", date_trunc('month', "t"."ts") AS "date_trunc_2", date_trunc('quarter', "t"."ts") AS "date_trunc_3" FROM "dev"."public"."t" AS "t"

select add_months(d, 1), last_day(d), months_between(d, '2024-01-01'), trunc(ts), to_char(ts, 'YYYY-MM-DD HH24:MI:SS'), to_char(d, 'Mon DD, YYYY'), to_date('2024-03-05', 'YYYY-MM-DD'), to_timestamp('05/03/2024 10:11', 'DD/MM/YYYY HH24:MI') from t
=> SELECT CASE WHEN CAST(CAST("t"."d" AS TIMESTAMP) AS DATE) = last_day(CAST("t"."d" AS TIMESTAMP)) THEN CAST(last_day(CAST("t"."d" AS TIMESTAMP) + to_months(CAST(1 AS BIGINT))) AS TIMESTAMP) + (CAST("t"."d" AS TIMESTAMP) - date_trunc('day', CAST("t"."d" AS TIMESTAMP))) ELSE CAST("t"."d" AS TIMESTAMP) + to_months(CAST(1 AS BIGINT)) END AS "add_months", last_day(CAST("t"."d" AS DATE)) AS "last_day", CAST((year(CAST("t"."d" AS DATE)) - year(CAST('2024-01-01' AS DATE))) * 12 + month(CAST("t"."d" AS DATE)) - month(CAST('2024-01-01' AS DATE)) + CASE WHEN day(CAST("t"."d" AS DATE)) = day(CAST('2024-01-01' AS DATE)) OR (CAST("t"."d" AS DATE) = last_day(CAST("t"."d" AS DATE)) AND CAST('2024-01-01' AS DATE) = last_day(CAST('2024-01-01' AS DATE))) THEN 0 ELSE (day(CAST("t"."d" AS DATE)) - day(CAST('2024-01-01' AS DATE))) / 31.0 END AS DOUBLE) AS "months_between", CAST("t"."ts" AS DATE) AS "trunc", strftime("t"."ts", '%Y-%m-%d %H:%M:%S') AS "to_char", strftime("t"."d", '%b %d, %Y') AS "to_char_2", CAST(strptime('2024-03-05', '%Y-%m-%d') AS DATE) AS "to_date", CAST(strptime('05/03/2024 10:11', '%d/%m/%Y %H:%M') AS TIMESTAMPTZ) AS "to_timestamp" FROM "dev"."public"."t" AS "t"

select convert_timezone('America/New_York', ts), convert_timezone('UTC', 'Asia/Tokyo', ts), ts at time zone 'UTC' from t
=> SELECT timezone('America/New_York', timezone('UTC', "t"."ts")) AS "convert_timezone", timezone('Asia/Tokyo', timezone('UTC', "t"."ts")) AS "convert_timezone_2", timezone('UTC', "t"."ts") AS "timezone" FROM "dev"."public"."t" AS "t"

select nvl(c, 'x'), nvl2(c, 'y', 'n'), decode(a, 1, 'one', 2, 'two', 'other'), decode(c, null, 'null'), coalesce(a, b, 0), nullif(a, 0), greatest(a, 1), least(a, 2) from t
=> SELECT coalesce("t"."c", 'x') AS "coalesce", CASE WHEN "t"."c" IS NOT NULL THEN 'y' ELSE 'n' END AS "nvl2", CASE WHEN "t"."a" IS NOT DISTINCT FROM 1 THEN 'one' WHEN "t"."a" IS NOT DISTINCT FROM 2 THEN 'two' ELSE 'other' END AS "decode", CASE WHEN "t"."c" IS NOT DISTINCT FROM NULL THEN 'null' END AS "decode_2", coalesce("t"."a", "t"."b", 0) AS "coalesce_2", nullif("t"."a", 0) AS "nullif", greatest("t"."a", 1) AS "greatest", least("t"."a", 2) AS "least" FROM "dev"."public"."t" AS "t"

select len(c), length(ch), char_length(c), octet_length(c), upper(c), lower(c), substring(c, 2, 3), substring(c from 2), substr(c, a, 2), trim(c), trim(both 'x' from c), ltrim(c), rtrim(c, 'y'), btrim(c) from t
=> SELECT CAST(length("t"."c") AS INTEGER) AS "len", CAST(length(rtrim("t"."ch")) AS INTEGER) AS "length", CAST(length("t"."c") AS INTEGER) AS "char_length", CAST(strlen("t"."c") AS INTEGER) AS "octet_length", upper("t"."c") AS "upper", lower("t"."c") AS "lower", substring("t"."c", 2, 3) AS "substring", substring("t"."c", 2) AS "substring_2", substring("t"."c", greatest("t"."a", 1), greatest("t"."a" + 2 - greatest("t"."a", 1), 0)) AS "substring_3", trim("t"."c") AS "btrim", trim("t"."c", 'x') AS "btrim_2", ltrim("t"."c") AS "ltrim", rtrim("t"."c", 'y') AS "rtrim", trim("t"."c") AS "btrim_3" FROM "dev"."public"."t" AS "t"

select charindex('b', c), strpos(c, 'b'), position('b' in c), split_part(c, ',', 2), left(c, 2), right(c, 2), replace(c, 'a', 'b'), translate(c, 'ab', 'xy'), concat(c, 'z'), lpad(c, 5), rpad(c, 5, '*'), reverse(c), repeat(c, 2) from t
=> SELECT CAST(strpos("t"."c", 'b') AS INTEGER) AS "charindex", CAST(strpos("t"."c", 'b') AS INTEGER) AS "strpos", CAST(strpos("t"."c", 'b') AS INTEGER) AS "position", split_part("t"."c", ',', 2) AS "split_part", left("t"."c", 2) AS "left", right("t"."c", 2) AS "right", replace("t"."c", 'a', 'b') AS "replace", translate("t"."c", 'ab', 'xy') AS "translate", ("t"."c" || 'z') AS "concat", lpad("t"."c", CAST(5 AS INTEGER), ' ') AS "lpad", rpad("t"."c", CAST(5 AS INTEGER), '*') AS "rpad", reverse("t"."c") AS "reverse", repeat("t"."c", CAST(2 AS INTEGER)) AS "repeat" FROM "dev"."public"."t" AS "t"

select regexp_replace(c, 'a+', 'b'), regexp_substr(c, '[0-9]+'), regexp_count(c, 'a'), md5(c), chr(65), ascii(c), quote_literal(c), starts_with(c, 'a'), to_hex(a) from t
=> SELECT regexp_replace("t"."c", 'a+', 'b', 'g') AS "regexp_replace", regexp_extract("t"."c", '[0-9]+') AS "regexp_substr", CAST(length(regexp_extract_all("t"."c", 'a')) AS INTEGER) AS "regexp_count", md5("t"."c") AS "md5", chr(CAST(65 AS INTEGER)) AS "chr", CAST(ascii("t"."c") AS INTEGER) AS "ascii", ('''' || replace("t"."c", '''', '''''') || '''') AS "quote_literal", starts_with("t"."c", 'a') AS "starts_with", lower(to_hex("t"."a")) AS "to_hex" FROM "dev"."public"."t" AS "t"

select abs(a), round(n), round(f, 2), trunc(n, 1), ceil(f), ceiling(n), floor(f), mod(a, 3), power(a, 2), sqrt(f), cbrt(f), exp(f), ln(f), log(f), sign(a), pi(), degrees(f), radians(f), sin(f), cos(f), tan(f), atan2(f, 1) from t
=> SELECT abs("t"."a") AS "abs", round("t"."n") AS "round", round("t"."f", CAST(2 AS INTEGER)) AS "round_2", trunc("t"."n", CAST(1 AS INTEGER)) AS "trunc", ceil("t"."f") AS "ceil", ceil("t"."n") AS "ceiling", floor("t"."f") AS "floor", ("t"."a" % 3) AS "mod", power("t"."a", 2) AS "power", sqrt("t"."f") AS "sqrt", cbrt("t"."f") AS "cbrt", exp("t"."f") AS "exp", ln("t"."f") AS "ln", log10("t"."f") AS "log", sign("t"."a") AS "sign", pi() AS "pi", degrees("t"."f") AS "degrees", radians("t"."f") AS "radians", sin("t"."f") AS "sin", cos("t"."f") AS "cos", tan("t"."f") AS "tan", atan2("t"."f", 1) AS "atan2" FROM "dev"."public"."t" AS "t"

select count(*), count(a), count(distinct c), approximate count(distinct c), sum(a), sum(n), sum(f), avg(a), avg(n), avg(f), min(c), max(d) from t
=> SELECT count(*) AS "count", count("t"."a") AS "count_2", count(DISTINCT "t"."c") AS "count_3", approx_count_distinct("t"."c") AS "count_4", CAST(sum("t"."a") AS BIGINT) AS "sum", sum("t"."n") AS "sum_2", sum("t"."f") AS "sum_3", CAST(sum("t"."a") // count("t"."a") AS BIGINT) AS "avg", CAST(avg("t"."n") AS DECIMAL(38,2)) AS "avg_2", avg("t"."f") AS "avg_3", min("t"."c") AS "min", max("t"."d") AS "max" FROM "dev"."public"."t" AS "t"

select listagg(c) within group (order by a), listagg(c, ', ') within group (order by c desc), listagg(distinct c, ',') from t
=> SELECT string_agg("t"."c", '' ORDER BY "t"."a" ASC NULLS LAST) AS "listagg", string_agg("t"."c", ', ' ORDER BY "t"."c" DESC NULLS FIRST) AS "listagg_2", string_agg(DISTINCT "t"."c", ',') AS "listagg_3" FROM "dev"."public"."t" AS "t"

select stddev(f), stddev_samp(f), stddev_pop(f), variance(f), var_samp(f), var_pop(f), bool_and(bo), bool_or(bo), median(a), median(f), percentile_cont(0.9) within group (order by f) from t
=> SELECT stddev_samp("t"."f") AS "stddev", stddev_samp("t"."f") AS "stddev_samp", stddev_pop("t"."f") AS "stddev_pop", var_samp("t"."f") AS "variance", var_samp("t"."f") AS "var_samp", var_pop("t"."f") AS "var_pop", bool_and("t"."bo") AS "bool_and", bool_or("t"."bo") AS "bool_or", CAST(quantile_cont("t"."a", 0.5) AS DECIMAL(38,0)) AS "median", median("t"."f") AS "median_2", quantile_cont("t"."f", 0.9) AS "percentile_cont" FROM "dev"."public"."t" AS "t"

select ratio_to_report(a) over (partition by c), percent_rank() over (order by a), cume_dist() over (order by a), last_value(a) over (order by a rows between unbounded preceding and unbounded following), nth_value(a, 2) over (order by a rows between unbounded preceding and unbounded following) from t
=> SELECT ("t"."a" / sum("t"."a") OVER (PARTITION BY "t"."c")) AS "ratio_to_report", percent_rank() OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "percent_rank", cume_dist() OVER (ORDER BY "t"."a" ASC NULLS LAST) AS "cume_dist", last_value("t"."a") OVER (ORDER BY "t"."a" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "last_value", nth_value("t"."a", 2) OVER (ORDER BY "t"."a" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "nth_value" FROM "dev"."public"."t" AS "t"

select first_value(a ignore nulls) over (order by a rows between unbounded preceding and current row) from t
=> SELECT first_value("t"."a" IGNORE NULLS) OVER (ORDER BY "t"."a" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "first_value" FROM "dev"."public"."t" AS "t"

select cast(a as varchar(5)), a::bigint, c::integer, cast(n as real), cast('2024-01-01' as date), '1'::boolean, c::char(3), convert(integer, '5'), d::timestamp, ts::date from t
=> SELECT left(CAST("t"."a" AS VARCHAR), 5) AS "a", CAST("t"."a" AS BIGINT) AS "a_2", CAST("t"."c" AS INTEGER) AS "c", CAST("t"."n" AS REAL) AS "n", CAST('2024-01-01' AS DATE) AS "date", CAST('1' AS BOOLEAN) AS "bool", rpad(CAST("t"."c" AS VARCHAR), 3, ' ') AS "c_2", CAST('5' AS INTEGER) AS "int4", CAST("t"."d" AS TIMESTAMP) AS "d", CAST("t"."ts" AS DATE) AS "ts" FROM "dev"."public"."t" AS "t"

select date '2024-01-01', timestamp '2024-01-01 10:00:00', interval '1 day', interval '90' day, 1.5, 1e3, 12345678901 from t
=> SELECT CAST('2024-01-01' AS DATE) AS "date", CAST('2024-01-01 10:00:00' AS TIMESTAMP) AS "timestamp", CAST('1 day' AS INTERVAL) AS "interval", CAST('90 day' AS INTERVAL) AS "interval_2", 1.5 AS "?column?", 1e3 AS "?column?_2", 12345678901 AS "?column?_3" FROM "dev"."public"."t" AS "t"

select initcap(c) from t
=> ERROR 0A000

select to_char(a, '999') from t
=> ERROR 0A000

select similar from t
=> ERROR 42601
