begin
=> (nothing)

commit
=> (nothing)

rollback
=> (nothing)

set search_path to public, other
=> (nothing)

show search_path
=> (nothing)

reset all
=> (nothing)

explain select * from t
=> (nothing)
