fn main() {
    let dir = std::path::Path::new("/work/shared/data/cameo");
    let d = tripwire_dictionaries::petrarch::load_dir(dir).unwrap();
    let gaz = tripwire_gazetteer::Gazetteer::shipped().ok();
    let coder = tripwire_coder::Coder::new(d, gaz).unwrap();
    let recs = tripwire_coder::gold::read_plover_json(std::path::Path::new("/work/shared/data/validation/PLOVER_GSR_CAMEO.json")).unwrap();
    let rep = tripwire_coder::evaluate::plover_records(&coder, &recs);
    print!("{}", rep.render_table());
    if std::env::args().nth(1).is_some() { eprint!("{}", rep.render_failures()); }
}
