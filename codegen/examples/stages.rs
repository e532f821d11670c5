//! Time each stage of the generator on one spec, in whatever profile this
//! example is built with; `cargo run -p openapi-codegen --example stages --
//! SPEC [FEATURES|full] [pretty]` runs it unoptimized, as a dependent crate's
//! build script runs the generator. `pretty` formats with syn and
//! prettyplease (`Config::pretty(true)`), else the output is laid out as
//! build scripts write it by default. Single-threaded (`Config::generate`
//! spreads emitting and formatting over the cores); the median of
//! `STAGES_RUNS` (default 3) runs is printed.

use std::time::{Duration, Instant};

use openapi_codegen::{emit, load, model, normalize, parse_openapi, refs, Config};

fn main() {
    let mut args = std::env::args().skip(1);
    let spec = args.next().expect("usage: stages SPEC [FEATURE,...]");
    let features = args.next().filter(|f| f != "full");
    let pretty = args.next().as_deref() == Some("pretty");
    let runs: usize = std::env::var("STAGES_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    let mut config = Config::new();
    if let Some(f) = &features {
        config.features(f.split(','));
    }
    let (model_settings, emit_settings) = (config.model_settings(), config.emit_settings());
    let names = if pretty {
        [
            "read + load::parse",
            "refs::resolve",
            "reach (+ prune)",
            "normalize",
            "openapiv3",
            "model::build",
            "emit (quote)",
            "syn::parse2",
            "prettyplease",
            "write",
        ]
    } else {
        ["read + load::parse", "refs::resolve", "reach (+ prune)", "normalize", "openapiv3", "model::build", "emit (quote)", "-", "lay_out", "write"]
    };
    let mut samples: Vec<Vec<Duration>> = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let mut t = Vec::new();
        let mut lap = Instant::now();
        let mut mark = |t: &mut Vec<Duration>| {
            t.push(lap.elapsed());
            lap = Instant::now();
        };
        let text = std::fs::read_to_string(&spec).unwrap();
        let mut value = load::parse(&text).unwrap();
        mark(&mut t);
        refs::resolve(&mut value, None, &mut |p| Err(std::io::Error::other(p.display().to_string()))).unwrap();
        mark(&mut t);
        // As `Config` does: a build of some features models only their slice.
        let reach = model::Reach::of(&value);
        if let Some(slice) = reach.slice(&emit_settings.features) {
            slice.prune(&mut value);
        }
        mark(&mut t);
        normalize::normalize(&mut value);
        mark(&mut t);
        let api = parse_openapi(&value).unwrap();
        mark(&mut t);
        let model = model::build(&api, &model_settings, &reach).unwrap();
        mark(&mut t);
        let streams = vec![emit::emit(&model, &emit_settings).unwrap()];
        mark(&mut t);
        let code: String = if pretty {
            let files: Vec<syn::File> = streams.into_iter().map(|s| syn::parse2(s).unwrap()).collect();
            mark(&mut t);
            files.iter().map(prettyplease::unparse).collect()
        } else {
            mark(&mut t);
            let header = openapi_codegen::lay_out(Default::default(), "x").len() - 1;
            streams.into_iter().map(|s| openapi_codegen::lay_out(s, "x")[header..].to_owned()).collect()
        };
        mark(&mut t);
        let path = std::env::temp_dir().join(format!("step-stages-{}.rs", std::process::id()));
        openapi_codegen::write_if_changed(&path, &code).unwrap();
        std::fs::remove_file(&path).unwrap();
        mark(&mut t);
        size = code.len();
        samples.push(t);
    }
    let median = |i: usize| {
        let mut v: Vec<Duration> = samples.iter().map(|s| s[i]).collect();
        v.sort();
        v[v.len() / 2]
    };
    let total: Duration = (0..names.len()).map(median).sum();
    println!("{spec} {} {} ({} bytes out), median of {runs}", features.as_deref().unwrap_or("full"), if pretty { "pretty" } else { "plain" }, size);
    for (i, name) in names.iter().enumerate() {
        let m = median(i);
        println!("  {name:<20} {:>8.3} s {:>5.1}%", m.as_secs_f64(), 100.0 * m.as_secs_f64() / total.as_secs_f64());
    }
    println!("  {:<20} {:>8.3} s", "total", total.as_secs_f64());
}
