//! Table-driven tests of every verdict and mechanism of the decision.

use super::*;
use Verdict::*;

/// Categorical kinship for tests: "a" is part of "b"; keys ending in "~" are one value
/// spelled differently.
struct TestKin(Vec<(u32, &'static str)>);
impl Kinship for TestKin {
    fn same(&self, a: u32, b: u32) -> bool {
        let k = |c: u32| self.0.iter().find(|x| x.0 == c).map(|x| x.1).unwrap_or("");
        k(a).trim_end_matches('~') == k(b).trim_end_matches('~')
    }
    fn related(&self, a: u32, b: u32) -> bool {
        let k = |c: u32| self.0.iter().find(|x| x.0 == c).map(|x| x.1).unwrap_or("");
        k(a) == "a" && k(b) == "b"
    }
}

const PEOPLE: Dim = Dim {
    unit: None,
    currency: None,
};
const GBP: Dim = Dim {
    unit: None,
    currency: Some("GBP"),
};

/// A member: source, reading, day (None: unknown), flags.
#[derive(Clone, Copy)]
struct M {
    source: u32,
    iv: Option<Interval>,
    dim: Dim,
    day: Option<(i64, i64)>,
    earlier: bool,
    contested: bool,
}
fn n(source: u32, x: f64) -> M {
    M {
        source,
        iv: Some(Interval::point(x)),
        dim: PEOPLE,
        day: Some((10, 10)),
        earlier: false,
        contested: false,
    }
}
fn over(source: u32, x: f64) -> M {
    M {
        iv: Some(Interval {
            low: Some(x),
            high: None,
            low_inclusive: false,
            high_inclusive: false,
        }),
        ..n(source, x)
    }
}
fn range(source: u32, a: f64, b: f64) -> M {
    M {
        iv: Some(Interval::closed(a, b)),
        ..n(source, a)
    }
}
impl M {
    fn on(self, d: i64) -> M {
        M {
            day: Some((d, d)),
            ..self
        }
    }
    fn month(self, first: i64, last: i64) -> M {
        M {
            day: Some((first, last)),
            ..self
        }
    }
    fn undated(self) -> M {
        M { day: None, ..self }
    }
    fn earlier(self) -> M {
        M {
            earlier: true,
            ..self
        }
    }
    fn contested(self) -> M {
        M {
            contested: true,
            ..self
        }
    }
    fn in_dim(self, dim: Dim) -> M {
        M { dim, ..self }
    }
    fn unreadable(self) -> M {
        M { iv: None, ..self }
    }
}
fn members(spec: &[M]) -> Vec<Member> {
    spec.iter()
        .enumerate()
        .map(|(i, m)| Member {
            claim: i as u32,
            source: m.source,
            reading: match m.iv {
                Some(iv) => Reading::Interval { iv, dim: m.dim },
                None => Reading::Unreadable,
            },
            when: m.day.map(|(first, last)| When { first, last }),
            earlier: m.earlier,
            contested: m.contested,
            negated: false,
        })
        .collect()
}
fn policy(temporal: Temporal) -> Policy {
    Policy {
        single_valued: true,
        temporal,
        tolerance: None,
    }
}
fn run(p: Policy, spec: &[M]) -> Decision {
    decide(&p, &members(spec), &TestKin(vec![]))
}

#[test]
fn every_numeric_verdict() {
    use Temporal::*;
    let cases: Vec<(&str, Temporal, Vec<M>, Verdict)> = vec![
        (
            "equal figures agree",
            Fixed,
            vec![n(0, 95.0), n(1, 95.0)],
            Agree,
        ),
        (
            "overlap is compatible",
            Fixed,
            vec![over(0, 90.0), n(1, 95.0)],
            Compatible,
        ),
        (
            "exact counts one apart conflict",
            Fixed,
            vec![n(0, 130.0), n(1, 131.0)],
            Conflict,
        ),
        ("one source alone", Fixed, vec![n(0, 95.0)], SingleSource),
        (
            "one source, two claims, one value",
            Fixed,
            vec![n(0, 95.0), n(0, 95.0)],
            SingleSource,
        ),
        (
            "one readable claim is not agreement",
            Fixed,
            vec![n(0, 95.0), n(1, 0.0).unreadable()],
            NotComparable,
        ),
        (
            "another currency alone is not comparable",
            Fixed,
            vec![n(0, 7.0).in_dim(GBP), n(1, 9.0)],
            NotComparable,
        ),
        (
            "growth over known days is a revision",
            Cumulative,
            vec![n(0, 40.0).on(1), n(1, 52.0).on(2)],
            Revised,
        ),
        (
            "figures on the same day conflict",
            Cumulative,
            vec![n(0, 40.0).on(1), n(1, 52.0).on(1)],
            Conflict,
        ),
        (
            "overlapping coarse dates: order unknown",
            Cumulative,
            vec![n(0, 40.0).month(0, 30), n(1, 52.0).on(3)],
            OrderUnknown,
        ),
        (
            "an unknown date: order unknown",
            Varying,
            vec![n(0, 40.0).undated(), n(1, 52.0).on(3)],
            OrderUnknown,
        ),
        (
            "an earlier figure of the same source is a revision",
            Cumulative,
            vec![n(0, 40.0).earlier(), n(0, 52.0)],
            Revised,
        ),
        (
            "a fixed fact over time still conflicts",
            Fixed,
            vec![n(0, 40.0).on(1), n(1, 52.0).on(2)],
            Conflict,
        ),
        (
            "a contested voice does not decide",
            Fixed,
            vec![n(0, 95.0), n(1, 95.0), over(2, 300.0).contested()],
            Agree,
        ),
        (
            "only contested voices are judged among themselves",
            Fixed,
            vec![n(0, 95.0).contested(), n(1, 300.0).contested()],
            Conflict,
        ),
    ];
    for (what, temporal, spec, want) in cases {
        let got = run(policy(temporal), &spec);
        assert_eq!(got.verdict, want, "{what}: {got:?}");
    }
}

#[test]
fn a_figure_one_source_denies_conflicts_with_one_that_states_it() {
    let mut m = members(&[n(0, 11_300.0), n(1, 11_300.0), n(2, 5_000.0)]);
    m[1].negated = true;
    let d = decide(&policy(Temporal::Cumulative), &m, &TestKin(vec![]));
    assert_eq!(d.verdict, Verdict::Conflict);
    assert_eq!(
        d.reason,
        Reason::Denied {
            affirmed: 0,
            denied: 1
        }
    );
}

#[test]
fn a_falling_total_is_flagged_at_the_step_where_it_falls() {
    let d = run(
        policy(Temporal::Cumulative),
        &[
            n(0, 40.0).on(1),
            n(1, 52.0).on(2),
            n(2, 49.0).on(4),
            n(3, 60.0).on(5),
        ],
    );
    // A cumulative figure cannot have fallen: a conflict, explained by the timeline.
    assert_eq!(d.verdict, Verdict::Conflict);
    assert_eq!(d.falls, vec![Pair { a: 1, b: 2 }]);
    assert_eq!(
        d.reason,
        Reason::Revised {
            timeline: vec![0, 1, 2, 3],
            falls: 1
        }
    );
    // A varying figure may fall.
    let d = run(
        policy(Temporal::Varying),
        &[n(0, 40.0).on(1), n(1, 52.0).on(2), n(2, 49.0).on(4)],
    );
    assert_eq!(d.verdict, Verdict::Revised);
    assert!(d.falls.is_empty());
}

#[test]
fn the_timeline_names_adjacent_moments_only() {
    // Two claims at each moment; unchanged moments are not steps.
    let d = run(
        policy(Temporal::Cumulative),
        &[
            n(0, 52.0).on(2),
            n(1, 40.0).on(1),
            n(2, 40.0).on(1),
            n(3, 52.0).on(3),
            n(4, 60.0).on(7),
        ],
    );
    assert_eq!(d.verdict, Verdict::Revised);
    // Moment day 1 (claim 1), day 2 (claim 0), day 3 unchanged, day 7 (claim 4).
    assert_eq!(
        d.reason,
        Reason::Revised {
            timeline: vec![1, 0, 3, 4],
            falls: 0
        }
    );
}

#[test]
fn conflicts_are_between_adjacent_clusters_only() {
    let d = run(
        policy(Temporal::Fixed),
        &[n(0, 10.0), n(1, 20.0), n(2, 30.0), n(3, 10.0)],
    );
    assert_eq!(d.verdict, Verdict::Conflict);
    assert_eq!(d.clusters, vec![vec![0, 3], vec![1], vec![2]]);
    assert_eq!(d.conflicts, vec![Pair { a: 0, b: 1 }, Pair { a: 1, b: 2 }]);
    // A wide value bridging two others: the break is where nothing reaches.
    let d = run(
        policy(Temporal::Fixed),
        &[range(0, 0.0, 1000.0), n(1, 5.0), n(2, 900.0), n(3, 2000.0)],
    );
    assert_eq!(d.conflicts, vec![Pair { a: 1, b: 2 }, Pair { a: 2, b: 3 }]);
    // Every adjacent pair overlapping a wide value, the values still share no point.
    let d = run(
        policy(Temporal::Fixed),
        &[range(0, 84.0, 94.0), range(1, 45.0, 155.0), over(2, 120.0)],
    );
    assert_eq!(d.verdict, Verdict::Conflict);
    assert_eq!(d.conflicts, vec![Pair { a: 0, b: 2 }]);
    // The same across moments of a changing fact: a revision between the extremes.
    let d = run(
        policy(Temporal::Varying),
        &[
            range(0, 84.0, 94.0).on(1),
            range(1, 45.0, 155.0).on(2),
            over(2, 120.0).on(3),
        ],
    );
    assert_eq!(d.verdict, Verdict::Revised);
    assert_eq!(
        d.reason,
        Reason::Revised {
            timeline: vec![0, 2],
            falls: 0
        }
    );
}

#[test]
fn one_source_contradicting_itself_is_internal() {
    let d = run(
        policy(Temporal::Cumulative),
        &[n(0, 40.0).on(1), n(0, 52.0).on(1), n(1, 52.0).on(1)],
    );
    assert_eq!(d.verdict, Verdict::Conflict);
    assert_eq!(d.internal, vec![Pair { a: 0, b: 1 }]);
    assert_eq!(d.conflicts, vec![Pair { a: 0, b: 2 }]);
    // Not when the source calls one figure earlier.
    let d = run(
        policy(Temporal::Cumulative),
        &[n(0, 40.0).on(1).earlier(), n(0, 52.0).on(1)],
    );
    assert!(d.internal.is_empty(), "{d:?}");
    assert_eq!(d.verdict, Verdict::Revised);
    // A fixed fact: the earlier figure is superseded, not judged.
    let d = run(
        policy(Temporal::Fixed),
        &[n(0, 40.0).earlier(), n(0, 52.0), n(1, 52.0)],
    );
    assert_eq!(d.verdict, Verdict::Agree);
    assert_eq!(d.set_aside, vec![(0, SetAside::Superseded)]);
}

#[test]
fn what_cannot_be_compared_is_set_aside_and_the_rest_judged() {
    let d = run(
        policy(Temporal::Fixed),
        &[
            n(0, 7.0).in_dim(GBP),
            n(1, 9.0),
            n(2, 9.0),
            n(3, 0.0).unreadable(),
        ],
    );
    assert_eq!(d.verdict, Verdict::Agree);
    assert_eq!(
        d.set_aside,
        vec![
            (
                0,
                SetAside::OtherDimension {
                    dim: GBP,
                    judged: PEOPLE
                }
            ),
            (3, SetAside::Unreadable)
        ]
    );
}

#[test]
fn contested_voices_are_shown_with_what_they_dispute() {
    let d = run(
        policy(Temporal::Fixed),
        &[
            n(0, 95.0),
            over(1, 300.0).contested(),
            over(2, 90.0).contested(),
        ],
    );
    assert_eq!(d.verdict, Verdict::SingleSource);
    assert_eq!(
        d.contested,
        vec![
            Contest {
                claim: 1,
                disputes: Some(0)
            },
            Contest {
                claim: 2,
                disputes: None
            }
        ]
    );
}

#[test]
fn a_declared_tolerance_is_the_only_slack() {
    let mut p = policy(Temporal::Fixed);
    assert_eq!(
        run(p, &[n(0, 100.0), n(1, 101.0)]).verdict,
        Verdict::Conflict
    );
    p.tolerance = Some(0.02);
    assert_eq!(run(p, &[n(0, 100.0), n(1, 101.0)]).verdict, Verdict::Agree);
    assert_eq!(
        run(p, &[n(0, 100.0), n(1, 110.0)]).verdict,
        Verdict::Conflict
    );
}

#[test]
fn open_and_closed_ends_decide_touching_values() {
    // "£640 million" (635-645 million) and "more than £640m": they overlap.
    let d = run(
        policy(Temporal::Fixed),
        &[range(0, 635.0, 645.0), over(1, 640.0)],
    );
    assert_eq!(d.verdict, Verdict::Compatible);
    // "over 90" and exactly 90 cannot both hold.
    let d = run(policy(Temporal::Fixed), &[over(0, 90.0), n(1, 90.0)]);
    assert_eq!(d.verdict, Verdict::Conflict);
}

fn cat(source: u32, key: &str) -> Member {
    Member {
        claim: 0,
        source,
        reading: Reading::Category(key.into()),
        when: None,
        earlier: false,
        contested: false,
        negated: false,
    }
}

#[test]
fn every_categorical_verdict() {
    let number = |mut v: Vec<Member>| {
        for (i, m) in v.iter_mut().enumerate() {
            m.claim = i as u32;
        }
        v
    };
    let kin = |v: &[Member]| {
        TestKin(
            v.iter()
                .map(|m| {
                    let k = match &m.reading {
                        Reading::Category(k) => k.clone(),
                        _ => String::new(),
                    };
                    (m.claim, &*Box::leak(k.into_boxed_str()))
                })
                .collect(),
        )
    };
    let p = policy(Temporal::Fixed);
    let several = Policy {
        single_valued: false,
        ..p
    };
    let mut denied = number(vec![cat(0, "x"), cat(1, "x")]);
    denied[1].negated = true;
    let one_source_two_rivals = number(vec![cat(0, "x"), cat(0, "y"), cat(1, "x")]);
    let mut alleged = number(vec![cat(0, "x"), cat(1, "x"), cat(2, "y")]);
    alleged[2].contested = true;
    let cases: Vec<(&str, Policy, Vec<Member>, Verdict)> = vec![
        (
            "same value",
            p,
            number(vec![cat(0, "x"), cat(1, "x")]),
            Agree,
        ),
        (
            "part of",
            p,
            number(vec![cat(0, "a"), cat(1, "b")]),
            Compatible,
        ),
        (
            "other spelling",
            p,
            number(vec![cat(0, "x"), cat(1, "x~")]),
            Agree,
        ),
        (
            "rivals",
            p,
            number(vec![cat(0, "x"), cat(1, "y")]),
            Conflict,
        ),
        (
            "several values",
            several,
            number(vec![cat(0, "x"), cat(1, "y")]),
            Compatible,
        ),
        ("affirmed and denied", p, denied, Conflict),
        ("an alleged rival is set aside", p, alleged, Agree),
        (
            "one source naming rivals",
            p,
            one_source_two_rivals.clone(),
            Conflict,
        ),
    ];
    for (what, p, spec, want) in cases {
        let got = decide(&p, &spec, &kin(&spec));
        assert_eq!(got.verdict, want, "{what}: {got:?}");
    }
    let got = decide(&p, &one_source_two_rivals, &kin(&one_source_two_rivals));
    assert_eq!(got.internal, vec![Pair { a: 0, b: 1 }]);
    assert_eq!(got.conflicts, vec![Pair { a: 2, b: 1 }]);
}

#[test]
fn precedence_lists_every_verdict_a_decision_reaches() {
    for v in Verdict::ALL {
        assert!(
            PRECEDENCE.contains(&v) || v == Verdict::ScopeDiffers,
            "{v:?} missing from PRECEDENCE"
        );
    }
}

#[test]
fn a_hundred_thousand_claims_stay_near_linear() {
    let spec: Vec<M> = (0..100_000)
        .map(|i| n(i % 1000, f64::from(i % 50)))
        .collect();
    let d = run(policy(Temporal::Fixed), &spec);
    assert_eq!(d.verdict, Verdict::Conflict);
    assert_eq!(d.clusters.len(), 50);
    assert_eq!(d.conflicts.len(), 49);
}
