// Lists the templates (/templates/index.json) and opens one with inlet('show', id).
// `?open=<id>` opens one on load: links can point straight at a template.
window.inlet = window.inlet || function () { (window.inlet.q = window.inlet.q || []).push(arguments); };
var lang = (navigator.language || 'en').slice(0, 2) === 'fr' ? 'fr' : 'en';
fetch('/templates/index.json').then(function (r) { return r.json(); }).then(function (list) {
  var ul = document.getElementById('gallery');
  list.forEach(function (t) {
    var li = document.createElement('li');
    var img = document.createElement('img');
    img.src = '/templates/shots/' + t.template + '.png';
    img.alt = '';
    img.width = 320;
    img.height = 200;
    img.loading = 'lazy';
    var h = document.createElement('h2');
    h.textContent = t.name[lang] || t.name.en;
    var p = document.createElement('p');
    p.textContent = t.description;
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'cta';
    b.textContent = 'Open';
    b.setAttribute('aria-label', 'Open ' + (t.name[lang] || t.name.en));
    b.addEventListener('click', function () { window.inlet('hide'); window.inlet('show', t.id); });
    li.append(img, h, p, b);
    ul.append(li);
  });
});
var open = new URLSearchParams(location.search).get('open');
if (open) window.inlet('show', open);
