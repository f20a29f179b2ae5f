fn main() {
    let dir = std::path::Path::new("/work/shared/data/cameo");
    let d = tripwire_dictionaries::petrarch::load_dir(dir).unwrap();
    let coder = tripwire_coder::Coder::new(d, None).unwrap();
    let recs = tripwire_coder::gold::read_plover_json(std::path::Path::new("/work/shared/data/validation/PLOVER_GSR_CAMEO.json")).unwrap();
    for r in recs.iter().skip(3).step_by(5) {
        let a = tripwire_coder::Article { id: r.id.clone(), date: Some(r.date), text: r.text.clone(), ..Default::default() };
        let ev = coder.code_article(&a).unwrap();
        println!("{} | {}\n  gold {:?} {:?} -> {:?}", r.event, r.text, r.source_countries(), r.event_text, r.target_countries());
        for e in ev { println!("  {} {} {} [{}] {:?}", e.source_code, e.event_code, e.target_code, e.matched.verb_text, e.matched.pattern); }
    }
}
