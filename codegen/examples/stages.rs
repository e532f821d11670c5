//! Time each stage of the generator on one spec, in whatever profile this
//! example is built with; `cargo run -p openapi-codegen --example stages --
//! SPEC [FEATURES|full] [pretty]` runs it unoptimized, as a dependent crate's
//! build script runs the generator. `pretty` formats with syn and
//! prettyplease (`Config::pretty(true)`), else the output is laid out as
//! build scripts write it by default. The stages are those of
//! `Output::timings`, as `Config::generate` runs them (emitting and laying
//! out on every core); the median of `STAGES_RUNS` (default 3) runs is
//! printed, and the time to write the file.

use std::time::{Duration, Instant};

use openapi_codegen::Config;

fn main() {
    let mut args = std::env::args().skip(1);
    let spec = args.next().expect("usage: stages SPEC [FEATURE,...|full] [pretty]");
    let features = args.next().filter(|f| f != "full");
    let pretty = args.next().as_deref() == Some("pretty");
    let runs: usize = std::env::var("STAGES_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    let mut config = Config::new();
    config.pretty(pretty);
    if let Some(f) = &features {
        config.features(f.split(','));
    }
    let path = std::env::temp_dir().join(format!("step-stages-{}.rs", std::process::id()));
    let mut samples: Vec<Vec<(&'static str, Duration)>> = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let output = config.generate_file(&spec).unwrap_or_else(|e| panic!("{e}"));
        let mut timings = output.timings.clone();
        let lap = Instant::now();
        output.write(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        timings.push(("write", lap.elapsed()));
        timings.push(("total (wall)", start.elapsed()));
        size = output.code.len();
        samples.push(timings);
    }
    let median = |i: usize| {
        let mut v: Vec<Duration> = samples.iter().map(|s| s[i].1).collect();
        v.sort();
        v[v.len() / 2]
    };
    let total = median(samples[0].len() - 1);
    println!("{spec} {} {} ({size} bytes out), median of {runs}", features.as_deref().unwrap_or("full"), if pretty { "pretty" } else { "plain" });
    for (i, (name, _)) in samples[0].iter().enumerate() {
        let m = median(i);
        println!("  {name:<34} {:>8.3} s {:>5.1}%", m.as_secs_f64(), 100.0 * m.as_secs_f64() / total.as_secs_f64());
    }
}
