-- Parse errors: `input -> SQLSTATE position message`; \n in the input stands for a newline.
-- position is 1-based into the whole script (ErrorResponse 'P'); messages end with the line and column.
SELEC 1 -> 42601 1 syntax error at or near "SELEC" at line 1, column 1
SELECT FROM t -> 42601 8 syntax error at or near "FROM" at line 1, column 8
SELECT 1 + -> 42601 11 syntax error at end of input at line 1, column 11
SELECT * FROM t WHERE -> 42601 22 syntax error at end of input at line 1, column 22
SELECT (1 -> 42601 10 syntax error at end of input at line 1, column 10
SELECT a FROM t LIMIT 1 LIMIT 2 -> 42601 25 syntax error at or near "LIMIT" at line 1, column 25
SELECT a FROM t ORDER BY -> 42601 25 syntax error at end of input at line 1, column 25
SELECT a b c FROM t -> 42601 12 syntax error at or near "c" at line 1, column 12
SELECT a FROM t GROUP a -> 42601 17 syntax error at or near "GROUP" at line 1, column 17
SELECT CAST(a AS) FROM t -> 42601 17 syntax error at or near ")" at line 1, column 17
SELECT CASE END -> 42601 13 syntax error at or near "END" at line 1, column 13
SELECT a FROM t JOIN u -> 42601 23 syntax error at end of input at line 1, column 23
SELECT a FROM t NATURAL u -> 42601 25 syntax error at or near "u" at line 1, column 25
SELECT a IS 5 -> 42601 13 syntax error at or near "5" at line 1, column 13
SELECT 'unterminated -> 42601 8 unterminated quoted string at or near "'unterminated" at line 1, column 8
SELECT "unterminated -> 42601 8 unterminated quoted identifier at or near ""unterminated" at line 1, column 8
SELECT 1 /* open comment -> 42601 10 unterminated /* comment at or near "/*" at line 1, column 10
SELECT $$open -> 42601 8 unterminated dollar-quoted string at or near "$$open" at line 1, column 8
SELECT a FROM (SELECT 1)) x -> 42601 25 syntax error at or near ")" at line 1, column 25
SELECT 1; SELECT FROM t -> 42601 18 syntax error at or near "FROM" at line 1, column 18
SELECT 1;\nSELECT 2;\nSELECT a,, b -> 42601 30 syntax error at or near "," at line 3, column 10
SELECT a,\n  FROM t -> 42601 13 syntax error at or near "FROM" at line 2, column 3
INSERT INTO t VALUES (1,) -> 42601 25 syntax error at or near ")" at line 1, column 25
INSERT INTO t -> 42601 14 syntax error at end of input at line 1, column 14
INSERT t VALUES (1) -> 42601 8 syntax error at or near "t" at line 1, column 8
UPDATE t SET -> 42601 13 syntax error at end of input at line 1, column 13
UPDATE t SET a 1 -> 42601 16 syntax error at or near "1" at line 1, column 16
DELETE FROM -> 42601 12 syntax error at end of input at line 1, column 12
CREATE TABLE t (a INT -> 42601 22 syntax error at end of input at line 1, column 22
CREATE TABLE t () -> 42601 17 syntax error at or near ")" at line 1, column 17
CREATE TABLE t (a) -> 42601 19 syntax error at end of input at line 1, column 19
CREATE TABLE t (a INT) DISTSTYLE SOMETIMES -> 42601 34 syntax error at or near "SOMETIMES" at line 1, column 34
CREATE TABLE t (a INT) BACKUP MAYBE -> 42601 31 syntax error at or near "MAYBE" at line 1, column 31
CREATE TABLE t (a INT) DISTKEY(a) DISTKEY(a) -> 42601 35 syntax error at or near "DISTKEY" at line 1, column 35
CREATE TABLE t (a INT IDENTITY(1)) -> 42601 33 syntax error at or near ")" at line 1, column 33
CREATE TABLE -> 42601 13 syntax error at end of input at line 1, column 13
CREATE VIEW v SELECT 1 -> 42601 15 syntax error at or near "SELECT" at line 1, column 15
DROP TABLE -> 42601 11 syntax error at end of input at line 1, column 11
DROP t -> 42601 6 syntax error at or near "t" at line 1, column 6
SET search_path -> 42601 16 syntax error at end of input at line 1, column 16
SHOW -> 42601 5 syntax error at end of input at line 1, column 5
BEGIN ISOLATION LEVEL SOMETIMES -> 42601 23 syntax error at or near "SOMETIMES" at line 1, column 23
EXPLAIN -> 42601 8 syntax error at end of input at line 1, column 8
WITH x AS (SELECT 1) -> 42601 21 syntax error at end of input at line 1, column 21
VALUES -> 42601 7 syntax error at end of input at line 1, column 7
VALUES 1 -> 42601 8 syntax error at or near "1" at line 1, column 8
SELECT ARRAY[1, 2 -> 42601 18 syntax error at end of input at line 1, column 18
SELECT a:: -> 42601 11 syntax error at end of input at line 1, column 11
SELECT EXTRACT(YEAR o_orderdate) -> 42601 21 syntax error at or near "o_orderdate" at line 1, column 21
SELECT a BETWEEN 1 -> 42601 19 syntax error at end of input at line 1, column 19
SELECT a NOT 1 -> 42601 10 syntax error at or near "NOT" at line 1, column 10
SELECT 1 UNION -> 42601 15 syntax error at end of input at line 1, column 15
SELECT 1 INTERSECT ALL -> 42601 23 syntax error at end of input at line 1, column 23
COMMENT ON TABLE t IS 1 -> 42601 23 syntax error at or near "1" at line 1, column 23
CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql -> 42601 33 syntax error at or near "AS" at line 1, column 33
CREATE FUNCTION f_py(int) RETURNS int IMMUTABLE AS $$ return 1 $$ LANGUAGE plpythonu -> 0A000 76 LANGUAGE plpythonu is not supported
CREATE MATERIALIZED VIEW mv AS SELECT 1 -> 0A000 8 CREATE MATERIALIZED VIEW is not supported
CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'x' -> 0A000 8 CREATE EXTERNAL SCHEMA is not supported
CREATE EXTERNAL TABLE s.t (a INT) -> 0A000 8 CREATE EXTERNAL TABLE is not supported
CREATE USER bob CREATEDB -> 42601 25 syntax error at end of input at line 1, column 25
CREATE PROCEDURE p() AS $$ BEGIN END $$ LANGUAGE plpgsql -> 0A000 8 CREATE PROCEDURE is not supported
COPY t FROM 's3://bucket/key' IAM_ROLE 'arn' ENCRYPTED -> 0A000 46 COPY ENCRYPTED is not supported
UNLOAD ('select 1') TO 's3://bucket/' IAM_ROLE default KMS_KEY_ID 'k' -> 0A000 56 UNLOAD KMS_KEY_ID is not supported
COPY t FROM 's3://bucket/key' IAM_ROLE default DELIMITER 'ab' -> 0A000 58 DELIMITER of "ab" (it must be a single character) is not supported
GRANT ASSUMEROLE ON 'arn' TO bob FOR COPY -> 0A000 7 GRANT ASSUMEROLE is not supported
GRANT FLY ON t TO bob -> 42601 7 syntax error at or near "FLY" at line 1, column 7
REVOKE SELECT ON t TO bob -> 42601 20 syntax error at or near "TO" at line 1, column 20
ALTER USER bob SET search_path TO public -> 0A000 16 ALTER USER ... SET is not supported
ALTER TABLE t ALTER INTERLEAVED SORTKEY (a) -> 0A000 21 ALTER INTERLEAVED SORTKEY is not supported
ALTER TABLE t ADD CHECK (a > 0) -> 0A000 19 CHECK constraint is not supported
ANALYZE COMPRESSION t -> 0A000 9 ANALYZE COMPRESSION is not supported
VACUUM t TO 101 PERCENT -> 42601 13 syntax error at or near "101" at line 1, column 13
VACUUM FULL SORT ONLY t -> 42601 18 syntax error at or near "ONLY" at line 1, column 18
SAVEPOINT s1 -> 0A000 1 SAVEPOINT is not supported
ROLLBACK TO SAVEPOINT s1 -> 0A000 10 ROLLBACK TO SAVEPOINT is not supported
DROP FUNCTION f -> 42601 16 syntax error at end of input at line 1, column 16
DROP MATERIALIZED VIEW mv -> 0A000 6 DROP MATERIALIZED VIEW is not supported
DROP USER -> 42601 10 syntax error at end of input at line 1, column 10
SELECT a FROM t FETCH FIRST 1 ROWS ONLY -> 0A000 17 FETCH FIRST is not supported
SELECT count(*) FILTER (WHERE a > 0) FROM t -> 0A000 17 FILTER clause is not supported
SELECT a -> 'b' FROM t -> 0A000 10 operator -> is not supported
SELECT * FROM t PIVOT (sum(a) FOR b IN (1, 2)) -> 0A000 17 PIVOT is not supported
SELECT * FROM t AS x UNPIVOT (v FOR k IN (a, b)) -> 0A000 22 UNPIVOT is not supported
SELECT array_agg(a ORDER BY b) FROM t -> 0A000 20 ORDER BY inside an aggregate call is not supported
CREATE TABLE t (a INT CHECK (a > 0)) -> 0A000 23 CHECK constraint is not supported
CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY) -> 0A000 23 GENERATED ALWAYS is not supported
UPDATE t SET a = 1 RETURNING * -> 0A000 20 RETURNING is not supported
INSERT INTO t VALUES (1) RETURNING a -> 0A000 26 RETURNING is not supported
INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING -> 0A000 26 ON CONFLICT is not supported
EXPLAIN ANALYZE SELECT 1 -> 0A000 9 EXPLAIN ANALYZE is not supported
TRUNCATE t, u -> 0A000 11 TRUNCATE of several tables is not supported
SET ROLE admin -> 0A000 5 SET ROLE is not supported
SHOW TABLES -> 42601 12 syntax error at end of input at line 1, column 12
SHOW VIEW v -> 0A000 6 SHOW VIEW is not supported
SELECT sum(x) OVER (ORDER BY a GROUPS 1 PRECEDING) FROM t -> 0A000 32 GROUPS frame is not supported
SELECT * FROM a NATURAL CROSS JOIN b -> 42601 25 syntax error at or near "CROSS" at line 1, column 25
