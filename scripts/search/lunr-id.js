/* lunr.id: Indonesian for lunr, in Material's search worker (Indonesian edition only).
 *
 * booktools/search_language.py sets the edition's search language to "id", so the worker loads this
 * file and calls this.use(lunr.id). Two things differ from an ordinary lunr language:
 *
 * 1. The index keeps every word as written AND adds its stem at the same position, so prefix search
 *    while typing works as before, and "menyerang", "diserang", "penyerangan" are also found as "serang".
 * 2. Material turns every query word into a prefix query ("kepentingan*"), and lunr skips the search
 *    pipeline for those, so the query would never be stemmed. Query.clause is wrapped to stem the word
 *    of such a clause ("kepentingan*" -> "penting*"), which finds the stems of the index.
 *
 * Snowball removes at most one prefix of each kind, but Indonesian stacks them (ber-ke-...-an): one pass
 * leaves "berkepentingan" at "kepenting". The stemmer is therefore applied until the word stops changing
 * (at most three passes), on the index and on the query alike.
 */
(function () {
  var snowball = new IndonesianStemmer();

  function stemWord(word) {
    for (var pass = 0; pass < 3; pass++) {
      var next = snowball.stemWord(word);
      if (next === word) break;
      word = next;
    }
    return word;
  }

  lunr.id = function () {
    this.pipeline.reset();
    this.pipeline.add(lunr.id.trimmer, lunr.id.stemmer);
    this.searchPipeline.reset();
    this.searchPipeline.add(lunr.id.stemmer);
  };
  lunr.id.stemWord = stemWord;
  lunr.id.trimmer = lunr.trimmer;
  lunr.id.stemmer = function (token) {
    var word = token.toString();
    var stem = stemWord(word);
    return stem === word ? token : [token, token.clone(function () { return stem; })];
  };
  lunr.Pipeline.registerFunction(lunr.id.stemmer, "stemmer-id");

  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (spec) {
    if (spec.usePipeline === false && typeof spec.term === "string") {
      var match = /^([^*]+)(\*?)$/.exec(spec.term);
      if (match) spec.term = stemWord(match[1]) + match[2];
    }
    return clause.call(this, spec);
  };
})();
