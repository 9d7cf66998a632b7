select nope from t
=> ERROR 42703

select * from nope
=> ERROR 42P01

select t.nope from t
=> ERROR 42703

select x.a from t
=> ERROR 42P01

select a from t, u
=> ERROR 42702

select nosuchfn(1)
=> ERROR 42883

select a from t union select a, c from t
=> ERROR 42601

select distinct on (a) a from t
=> ERROR 0A000

select * from t group by 99
=> ERROR 42P10
