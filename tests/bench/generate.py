"""Province-scale dataset for benchmarks: loads a fresh PostgreSQL database with COPY.

    .venv/bin/python -m tests.bench.generate [--url postgresql+psycopg://postgres@127.0.0.1:5432/zs_bench] [--scale 1.0]

At scale 1: 50,000 enterprises, 200,000 leads, 1,000,000 visits, 100,000 projects (with credits and
enterprises), 500,000 funds reports, 5,000 events — skewed across units (a few busy counties, many quiet
chambers) and months (slow January/February, busy before each quarter ends), 2018–2020.
"""

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta

import psycopg
from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session

from app.hooks import install_session_hooks
from app.progress import rollup
from app.seed.service import seed_demo_users, seed_units
from app.targets.seed import seed_plan

NOW = datetime(2021, 1, 15, tzinfo=UTC)
MONTH_WEIGHTS = [4, 5, 9, 8, 9, 11, 8, 8, 10, 9, 9, 12]  # seasonality
STATUSES = ["verified"] * 8 + ["submitted", "draft"]
REGIONS = ["jingjinji", "yangtze_delta", "pearl_delta", "other", "other"]


def day_in(rng: random.Random, year: int) -> date:
    month = rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
    return date(year, month, rng.randint(1, 28))


def create_database(url: str) -> None:
    admin_url = make_url(url).set(database="postgres")
    name = make_url(url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def migrate_and_seed(url: str) -> dict[str, list[int]]:
    from alembic import command
    from tests.conftest import alembic_config

    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    by_type: dict[str, list[int]] = {}
    with Session(engine) as session, session.begin():
        units = seed_units(session)
        seed_demo_users(session, units)
        seed_plan(session)
        for u in units.values():
            by_type.setdefault(u.type, []).append(u.id)
    engine.dispose()
    return by_type


def skewed(rng: random.Random, ids: list[int]) -> int:
    """Zipf-like: the first units of a type are far busier than the last."""
    return ids[min(int(rng.paretovariate(1.2)) - 1, len(ids) - 1)]


def copy(conn, table: str, columns: list[str], rows) -> int:
    n = 0
    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def generate(url: str, scale: float, seed: int = 2018) -> dict[str, int]:
    rng = random.Random(seed)
    create_database(url)
    units = migrate_and_seed(url)
    territorial = units["county"] + units["dev_zone"]
    creditors = units["industry_group"] + units["department"] + units["chamber"]
    all_units = [u for ids in units.values() for u in ids]
    n_ent, n_leads, n_visits = int(50_000 * scale), int(200_000 * scale), int(1_000_000 * scale)
    n_projects, n_funds, n_events = int(100_000 * scale), int(500_000 * scale), int(5_000 * scale)
    counts = {}
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        ent_cols = ["id", "name", "name_norm", "former_names", "former_norms", "country", "province", "city",
                    "industry", "is_fortune500", "is_china500", "china500_list", "is_central_soe", "is_champion",
                    "is_unicorn", "is_industry_leader", "is_listed", "is_internet_plus", "is_association",
                    "version", "created_at", "updated_at"]
        counts["enterprise"] = copy(conn, "enterprise", ent_cols, (
            (i, f"企业{i}有限公司", f"企业{i}", "[]", "|", "中国", "山东", "聊城", "制造业", rng.random() < 0.02,
             (c5 := rng.random() < 0.04), "中国企业500强" if c5 else None, rng.random() < 0.01, rng.random() < 0.03,
             rng.random() < 0.005, rng.random() < 0.05, rng.random() < 0.05, rng.random() < 0.05,
             rng.random() < 0.02, 1, NOW, NOW) for i in range(1, n_ent + 1)))
        common = ["version", "created_by", "created_at", "updated_at"]
        counts["lead"] = copy(conn, "lead", ["id", "unit_id", "enterprise_id", "assigned_unit_id", "source",
                                             "received_on", "intended_industry", "contact_name", "contact_phone",
                                             "description", "state", *common], (
            (i, skewed(rng, units["chamber"] + creditors), rng.randint(1, n_ent), rng.choice(territorial), "chamber",
             day_in(rng, rng.choice((2018, 2019, 2020))), "", "", "", "", "open", 1, "bench", NOW, NOW)
            for i in range(1, n_leads + 1)))
        verified = ["status", "submitted_at", "verified_at", "verified_by"]
        counts["visit"] = copy(conn, "visit", ["id", "unit_id", "enterprise_id", "visit_date", "place", "region",
                                               "leader_level", "leader_name", "participants", "outcome", "next_step",
                                               *verified, *common], (
            (i, skewed(rng, all_units), rng.randint(1, n_ent), day_in(rng, rng.choice((2018, 2019, 2020))), "",
             rng.choice(REGIONS), "staff", "", "", "", "", (s := rng.choice(STATUSES)), NOW if s != "draft" else None,
             NOW if s == "verified" else None, "office" if s == "verified" else None, 1, "bench", NOW, NOW)
            for i in range(1, n_visits + 1)))
        projects = []
        for i in range(1, n_projects + 1):
            signed = day_in(rng, rng.choice((2018, 2019, 2020)))
            started = signed + timedelta(days=rng.randint(30, 300)) if rng.random() < 0.6 else None
            producing = started + timedelta(days=rng.randint(60, 400)) if started and rng.random() < 0.4 else None
            total = round(rng.lognormvariate(8.5, 1.2), 2)
            projects.append((i, rng.choice(all_units), f"项目{i}", rng.randint(1, 9),
                             rng.choice([None, "new_technology", "new_industry"]),
                             rng.choice([None, None, "high_end_equipment", "medical_health"]), total,
                             "in_production" if producing else "started" if started else "signed", signed, started,
                             producing, skewed(rng, territorial), (s := rng.choice(STATUSES)), NOW, NOW,
                             "office" if s == "verified" else None, 1, "bench", NOW, NOW))
        counts["project"] = copy(conn, "project", [
            "id", "unit_id", "name", "cluster_id", "four_new", "advanced_class", "total_investment", "stage",
            "signed_on", "started_on", "in_production_on", "landing_unit_id", *verified, *common], projects)
        counts["project_enterprise"] = copy(conn, "project_enterprise", ["project_id", "enterprise_id"],
                                            ((p[0], rng.randint(1, n_ent)) for p in projects))
        credit_rows = []
        for p in projects:
            a, b = rng.sample(creditors, 2)
            share = rng.choice((10000, 6000, 5000))
            credit_rows.append((p[0], a, share))
            if share < 10000:
                credit_rows.append((p[0], b, 10000 - share))
        counts["project_credit"] = copy(conn, "project_credit", ["project_id", "unit_id", "share"], credit_rows)

        def funds():
            n, fid = 0, 0
            while n < n_funds:
                p = projects[rng.randrange(len(projects))]
                months = rng.randint(1, 10)
                start = p[8].replace(day=1)
                for k in range(months):
                    period = date(start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1, 1)
                    if period.year > 2020 or (p[0], period) in seen:
                        continue
                    seen.add((p[0], period))
                    fid += 1
                    n += 1
                    s = rng.choice(STATUSES)
                    yield (fid, p[11], p[0], period, round(float(p[6]) / 20, 2), "", s, NOW, NOW,
                           "office" if s == "verified" else None, 1, "bench", NOW, NOW)
        seen: set = set()
        counts["funds_report"] = copy(conn, "funds_report", ["id", "unit_id", "project_id", "period", "amount", "note",
                                                             *verified, *common], funds())
        counts["event"] = copy(conn, "event", ["id", "unit_id", "kind", "title", "event_date", "region", "place",
                                               "description", *verified, *common], (
            (i, skewed(rng, all_units), rng.choice(("concentrated", "promotion", "other")), f"活动{i}",
             day_in(rng, rng.choice((2018, 2019, 2020))), rng.choice(REGIONS), "", "", (s := rng.choice(STATUSES)),
             NOW, NOW, "office" if s == "verified" else None, 1, "bench", NOW, NOW) for i in range(1, n_events + 1)))
        for table in counts:
            if table not in ("project_enterprise", "project_credit"):
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.execute("ANALYZE")
    t0 = time.perf_counter()
    engine = create_engine(url)
    with Session(engine) as session, session.begin():  # COPY bypassed the application: build the rollups
        rollup.sync(session)
    engine.dispose()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE progress_rollup")
        conn.execute("VACUUM ANALYZE progress_rollup_month")
    print(f"rollups built in {time.perf_counter() - t0:.0f} s")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/zs_bench")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    install_session_hooks()
    t0 = time.perf_counter()
    counts = generate(args.url, args.scale)
    print(f"loaded in {time.perf_counter() - t0:.0f} s: {counts}")


if __name__ == "__main__":
    main()
