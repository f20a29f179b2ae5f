fn main() {
    let (env, recs) = tripwire_coder::gold::read_petrarch_xml(std::path::Path::new("/work/shared/data/validation/PETR.UnitTest.records.xml")).unwrap();
    let files = tripwire_dictionaries::petrarch::PetrarchFiles { verbs: env.verbs.clone(), actors: env.actors.clone(), agents: env.agents.clone(), discards: env.discards.clone(), issues: vec![] };
    let d = tripwire_dictionaries::petrarch::load_set(std::path::Path::new("/work/shared/data/cameo"), &files).unwrap();
    let coder = tripwire_coder::Coder::new(d, None).unwrap();
    for parse in [false, true] {
        let rep = tripwire_coder::evaluate::petrarch_records(&coder, &recs, parse);
        println!("parse={parse}"); print!("{}", rep.render_table());
    }
}
